/// The elements the builder acts on, as an enum: the switches in `FeedBuilder+Assign.swift` were chains of
/// string comparisons, run at every element start and end (about a tenth of the parse). Computed once per
/// distinct name in a document; raw values are the builder's canonical keys (`prefix:local`).
enum ElementKey: String {
    /// Anything the builder has no case for.
    case other = ""
    case abstract
    case atomAuthor = "atom:author"
    case atomCategory = "atom:category"
    case atomContent = "atom:content"
    case atomContributor = "atom:contributor"
    case atomCopyright = "atom:copyright"
    case atomCreated = "atom:created"
    case atomEmail = "atom:email"
    case atomEntry = "atom:entry"
    case atomGenerator = "atom:generator"
    case atomHomepage = "atom:homepage"
    case atomIcon = "atom:icon"
    case atomId = "atom:id"
    case atomInfo = "atom:info"
    case atomIssued = "atom:issued"
    case atomLink = "atom:link"
    case atomLogo = "atom:logo"
    case atomModified = "atom:modified"
    case atomName = "atom:name"
    case atomPublished = "atom:published"
    case atomRights = "atom:rights"
    case atomSource = "atom:source"
    case atomSubtitle = "atom:subtitle"
    case atomSummary = "atom:summary"
    case atomTagline = "atom:tagline"
    case atomTitle = "atom:title"
    case atomUpdated = "atom:updated"
    case atomUri = "atom:uri"
    case atomUrl = "atom:url"
    case author
    case body
    case category
    case channel
    case contentEncoded = "content:encoded"
    case copyright
    case dcAuthor = "dc:author"
    case dcContributor = "dc:contributor"
    case dcCreator = "dc:creator"
    case dcDate = "dc:date"
    case dcDescription = "dc:description"
    case dcLanguage = "dc:language"
    case dcRights = "dc:rights"
    case dcSubject = "dc:subject"
    case dcTitle = "dc:title"
    case dctermsIssued = "dcterms:issued"
    case dctermsModified = "dcterms:modified"
    case description
    case enclosure
    case fullitem
    case generator
    case guid
    case image
    case item
    case itunesAuthor = "itunes:author"
    case itunesCategory = "itunes:category"
    case itunesImage = "itunes:image"
    case itunesKeywords = "itunes:keywords"
    case itunesLink = "itunes:link"
    case itunesSubtitle = "itunes:subtitle"
    case itunesSummary = "itunes:summary"
    case language
    case lastBuildDate
    case link
    case managingEditor
    case mediaCategory = "media:category"
    case mediaContent = "media:content"
    case mediaThumbnail = "media:thumbnail"
    case mediaTitle = "media:title"
    case pubDate
    case source
    case summary
    case textInput
    case textinput
    case title
    case ttl
    case url
    case xhtmlBody = "xhtml:body"

    init(key: String) { self = ElementKey(rawValue: key) ?? .other }
}
