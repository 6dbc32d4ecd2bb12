/// The schema's history. Append only: a shipped migration is never edited, so that every database, however
/// old, walks the same path to the current schema. Versions are stored in `PRAGMA user_version`.
/// Times are Unix seconds (UTC); JSON columns hold arrays of strings.
enum Migrations {
    struct Migration {
        let version: Int
        let name: String
        let sql: String
    }

    static let all: [Migration] = [
        Migration(
            version: 1, name: "feeds, fetch state and articles",
            sql: """
                CREATE TABLE feeds (
                    id          TEXT PRIMARY KEY,
                    url         TEXT NOT NULL,
                    title       TEXT,
                    categories  TEXT NOT NULL DEFAULT '[]',
                    enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
                    created_at  INTEGER NOT NULL,
                    updated_at  INTEGER NOT NULL
                );
                CREATE TABLE fetch_state (
                    feed_id              TEXT PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
                    etag                 TEXT,
                    last_modified        TEXT,
                    last_status          INTEGER,
                    last_error           TEXT,
                    last_attempt_at      INTEGER,
                    last_success_at      INTEGER,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    next_due_at          INTEGER
                );
                CREATE TABLE articles (
                    id            INTEGER PRIMARY KEY,
                    feed_id       TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
                    identity      TEXT NOT NULL,
                    guid          TEXT,
                    url           TEXT,
                    title         TEXT NOT NULL,
                    author        TEXT,
                    published_at  INTEGER,
                    updated_at    INTEGER,
                    html          TEXT NOT NULL,
                    text          TEXT NOT NULL,
                    content_hash  TEXT NOT NULL,
                    first_seen_at INTEGER NOT NULL,
                    last_seen_at  INTEGER NOT NULL,
                    UNIQUE (feed_id, identity)
                );
                CREATE INDEX articles_by_published ON articles(published_at);
                CREATE INDEX articles_by_first_seen ON articles(first_seen_at);
                """),
        Migration(
            version: 2, name: "fetch log, body hash, article categories and image",
            sql: """
                CREATE TABLE fetch_log (
                    id                     INTEGER PRIMARY KEY,
                    feed_id                TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
                    started_at             INTEGER NOT NULL,
                    url                    TEXT NOT NULL,
                    status                 INTEGER,
                    bytes                  INTEGER,
                    duration_ms            INTEGER,
                    etag_sent              TEXT,
                    last_modified_sent     TEXT,
                    etag_received          TEXT,
                    last_modified_received TEXT,
                    error_kind             TEXT,
                    error_message          TEXT,
                    inserted               INTEGER NOT NULL DEFAULT 0,
                    updated                INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX fetch_log_by_feed ON fetch_log(feed_id, started_at);
                ALTER TABLE fetch_state ADD COLUMN body_hash TEXT;
                ALTER TABLE articles ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE articles ADD COLUMN image_url TEXT;
                ALTER TABLE articles ADD COLUMN changed_at INTEGER;
                UPDATE articles SET changed_at = first_seen_at;
                """),
        Migration(
            version: 3, name: "fetch policy: stored URL, permanent-redirect counting, disabling, host pauses",
            sql: """
                ALTER TABLE fetch_state ADD COLUMN current_url TEXT;
                ALTER TABLE fetch_state ADD COLUMN redirect_candidate TEXT;
                ALTER TABLE fetch_state ADD COLUMN redirect_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE fetch_state ADD COLUMN disabled_reason TEXT;
                CREATE TABLE host_pauses (
                    host   TEXT PRIMARY KEY,
                    until  INTEGER NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE INDEX fetch_state_by_next_due ON fetch_state(next_due_at);
                """),
        Migration(
            version: 4, name: "tags: the tagger's result per article, and flat keys to filter on",
            sql: """
                ALTER TABLE articles ADD COLUMN tags TEXT;
                ALTER TABLE articles ADD COLUMN policy_score REAL;
                ALTER TABLE articles ADD COLUMN is_policy INTEGER;
                ALTER TABLE articles ADD COLUMN tagged_at INTEGER;
                CREATE TABLE article_tags (
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    kind       TEXT NOT NULL,
                    value      TEXT NOT NULL,
                    score      REAL NOT NULL,
                    PRIMARY KEY (article_id, kind, value)
                ) WITHOUT ROWID;
                CREATE INDEX article_tags_by_value ON article_tags(kind, value);
                """),
        Migration(
            version: 5, name: "dedupe: identity modes, canonical URLs, story clusters, versions, tombstones",
            sql: """
                ALTER TABLE feeds ADD COLUMN identity_mode TEXT;
                ALTER TABLE feeds ADD COLUMN identity_note TEXT;
                ALTER TABLE articles ADD COLUMN canonical_url TEXT;
                ALTER TABLE articles ADD COLUMN title_key TEXT;
                ALTER TABLE articles ADD COLUMN original_title_key TEXT;
                ALTER TABLE articles ADD COLUMN simhash INTEGER;
                ALTER TABLE articles ADD COLUMN story_id INTEGER;
                CREATE INDEX articles_by_canonical_url ON articles(canonical_url);
                CREATE INDEX articles_by_title_key ON articles(title_key);
                CREATE INDEX articles_by_original_title_key ON articles(original_title_key);
                CREATE INDEX articles_by_story ON articles(story_id);
                CREATE TABLE stories (
                    id                   INTEGER PRIMARY KEY,
                    canonical_article_id INTEGER,
                    first_seen_at        INTEGER NOT NULL,
                    updated_at           INTEGER NOT NULL
                );
                CREATE TABLE article_doc_numbers (
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    doc_number TEXT NOT NULL,
                    PRIMARY KEY (article_id, doc_number)
                ) WITHOUT ROWID;
                CREATE INDEX doc_numbers_by_number ON article_doc_numbers(doc_number);
                CREATE TABLE article_versions (
                    id           INTEGER PRIMARY KEY,
                    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    content_hash TEXT NOT NULL,
                    title        TEXT NOT NULL,
                    text         TEXT NOT NULL,
                    html         TEXT NOT NULL,
                    replaced_at  INTEGER NOT NULL
                );
                CREATE INDEX article_versions_by_article ON article_versions(article_id);
                CREATE TABLE tombstones (
                    feed_id    TEXT NOT NULL,
                    identity   TEXT NOT NULL,
                    deleted_at INTEGER NOT NULL,
                    last_seen_at INTEGER NOT NULL,
                    reason     TEXT NOT NULL,
                    PRIMARY KEY (feed_id, identity)
                ) WITHOUT ROWID;
                """),
        Migration(
            version: 6, name: "export: full-text search (FTS5 trigram), a change sequence, export cursors",
            sql: """
                -- Full-text search over title and text. The trigram tokenizer needs no word segmentation, so it
                -- serves Chinese as well as it serves English (terms of 3 or more characters; shorter ones are
                -- matched with LIKE by the export query). External content: the index stores no second copy.
                -- Indexed lazily, not by an insert trigger: indexing every article's text as it lands cost the
                -- ingest path several times its own work. `fts_state` says how far the index reaches; the first
                -- full-text query after new articles indexes them (SQLiteStore.refreshFullText), and the
                -- delete/update triggers touch only rows the index already holds.
                CREATE VIRTUAL TABLE articles_fts USING fts5(
                    title, text, content='articles', content_rowid='id', tokenize='trigram');
                CREATE TABLE fts_state (
                    id              INTEGER PRIMARY KEY CHECK (id = 1),
                    indexed_through INTEGER NOT NULL
                );
                INSERT INTO fts_state (id, indexed_through) VALUES (1, 0);
                -- One trigger, so the two steps run in this order (the order of separate triggers is undefined).
                -- A new row gets max(id) + 1: once the highest rows are gone, ids the index held come back, so
                -- the mark drops to the highest id left (lowering it only by one missed a run of deletions).
                CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                    INSERT INTO articles_fts(articles_fts, rowid, title, text)
                    SELECT 'delete', old.id, old.title, old.text
                    WHERE old.id <= (SELECT indexed_through FROM fts_state WHERE id = 1);
                    UPDATE fts_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM articles)
                    WHERE id = 1 AND indexed_through > (SELECT coalesce(max(id), 0) FROM articles);
                END;
                CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
                WHEN old.id <= (SELECT indexed_through FROM fts_state WHERE id = 1) BEGIN
                    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
                    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
                END;

                -- A change sequence for export cursors. One counter, bumped inside the writing transaction for
                -- every insert and every content revision (by SQLiteStore.save, which writes the number into
                -- the row it is writing anyway: a trigger's second UPDATE rewrote every new row), so sequence
                -- numbers rise in commit order and are never reused (a pruned article does not give its number
                -- back, unlike max(id) + 1). created_seq is set once; changed_seq again on each revision.
                CREATE TABLE change_counter (
                    id    INTEGER PRIMARY KEY CHECK (id = 1),
                    value INTEGER NOT NULL
                );
                ALTER TABLE articles ADD COLUMN created_seq INTEGER;
                ALTER TABLE articles ADD COLUMN changed_seq INTEGER;
                UPDATE articles SET created_seq = id, changed_seq = id;
                INSERT INTO change_counter (id, value) VALUES (1, (SELECT coalesce(max(id), 0) FROM articles));
                CREATE INDEX articles_by_changed_seq ON articles(changed_seq);

                -- Where each named export cursor stands: the change sequence its last successful export reached.
                CREATE TABLE export_cursors (
                    name       TEXT PRIMARY KEY,
                    position   INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                """),
        Migration(
            version: 7, name: "article kind",
            sql: """
                -- What sort of item each article is (labeling.md): policy, enforcement, data, market, company,
                -- commentary, other. NULL until tagged by a release that knows kinds: `finwire retag` fills
                -- it in (is_policy stays as stored until then).
                ALTER TABLE articles ADD COLUMN kind TEXT;
                CREATE INDEX articles_by_kind ON articles(kind);
                """),
        Migration(
            version: 8, name: "unclustered articles index",
            sql: """
                -- The articles not yet in a story, in the order the dedupe stage places them. Without it each
                -- batch of a rebuild read and sorted every unclustered row (title and text included) to keep
                -- 500: quadratic in the database size. Partial, so it is empty in steady state.
                CREATE INDEX articles_unclustered ON articles(first_seen_at) WHERE story_id IS NULL;
                """),
        Migration(
            version: 9, name: "alerts outbox",
            sql: """
                -- One row per watch, delivery target, story and revision: written in the transaction that stores
                -- or clusters the article, so an alert exists exactly when its article does, and delivered
                -- afterwards (at least once). The unique key is the promise "one story, one alert per watch":
                -- another outlet's copy or a re-fetch finds the row already there. `story_key` is the story's
                -- id, or minus the article's id when dedupe is off (as exports key entries).
                CREATE TABLE alerts (
                    id              INTEGER PRIMARY KEY,
                    watch_id        TEXT NOT NULL,
                    target          TEXT NOT NULL,
                    story_key       INTEGER NOT NULL,
                    revision        INTEGER NOT NULL DEFAULT 0,
                    article_id      INTEGER,
                    event           TEXT NOT NULL CHECK (event IN ('new', 'revised')),
                    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'parked')),
                    attempts        INTEGER NOT NULL DEFAULT 0,
                    created_at      INTEGER NOT NULL,
                    next_attempt_at INTEGER NOT NULL,
                    delivered_at    INTEGER,
                    last_error      TEXT,
                    UNIQUE (watch_id, target, story_key, revision)
                );
                CREATE INDEX alerts_due ON alerts(next_attempt_at) WHERE state = 'pending';
                """),
        Migration(
            version: 10, name: "articles by time",
            sql: """
                -- An article's time (published, else first seen) as one indexed value: the live view reads the
                -- newest stories of a filter by walking it backwards and stops after a page, where the export's
                -- query sorts every match (seconds at a million articles for one province's policies).
                CREATE INDEX articles_by_time ON articles(coalesce(published_at, first_seen_at));
                """),
    ]

    static var latest: Int { all.last!.version }

    /// Brings the database to `target` (default: the latest), one transaction per migration.
    static func migrate(_ db: SQLiteDatabase, upTo target: Int = latest) throws {
        let current = try db.userVersion
        if current > latest {
            throw StoreError(
                path: db.path, code: 0,
                message: "schema version \(current) is newer than this finwire understands (\(latest)); upgrade finwire",
                sql: nil)
        }
        for m in all where m.version > current && m.version <= target {
            try db.transaction {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(m.version)")
            }
        }
    }
}
