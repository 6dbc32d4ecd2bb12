#ifndef FINWIRE_CLIBXML2_SHIM_H
#define FINWIRE_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its encoding.h then pulls in <unicode/ucnv.h>, whose UErrorCode clashes
 * with Foundation's private ICU module. The macro only changes a struct layout Swift never dereferences. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/entities.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global function-pointer variable: Swift 6 rejects it as shared mutable state. */
static inline void fw_xml_free(void *p) { xmlFree(p); }

/* The one place parser flags are chosen. Never NOENT, DTDLOAD or HUGE (XXE, billion laughs). */
static inline int fw_xml_feed_options(void) {
    return XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC;
}
#include <stdlib.h>
#include <string.h>

/* Text arrives from libxml2 in many small pieces (every entity or character reference splits it: an escaped
 * HTML description is hundreds of pieces). C appends them to one buffer that holds the text of every open
 * element, innermost last; Swift is called only at element boundaries and reads its text from the buffer.
 * (A Swift callback per piece was a fifth of the parse; one per boundary, plus a copy, another few percent.) */
typedef void (*fw_sax_start_fn)(void *owner, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                                int nb_attributes, const xmlChar **attributes);
typedef void (*fw_sax_end_fn)(void *owner, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri);

/* What happens to text: kept as is, kept with & < > escaped (inside serialized markup), or dropped (outside
 * the root, or inside elements skipped for depth). Swift sets it at each boundary. */
enum { FW_TEXT_KEEP = 0, FW_TEXT_ESCAPE = 1, FW_TEXT_DROP = 2 };

/* The parser's user data: what every callback (ours and the Swift ones) receives as its context. */
typedef struct fw_sax_state {
    void *owner;
    fw_sax_start_fn start;
    fw_sax_end_fn end;
    int mode;
    int failed; /* an allocation failed: text was dropped */
    unsigned char *buf;
    size_t len, cap;
} fw_sax_state;

/* Room for `extra` more bytes; 0 when memory ran out. */
static inline int fw_sax_reserve(fw_sax_state *s, size_t extra) {
    size_t need = s->len + extra;
    if (need <= s->cap) return 1;
    size_t cap = s->cap ? s->cap : 4096;
    while (cap < need) cap *= 2;
    unsigned char *grown = (unsigned char *)realloc(s->buf, cap);
    if (!grown) { s->failed = 1; return 0; }
    s->buf = grown;
    s->cap = cap;
    return 1;
}

static inline void fw_sax_append(fw_sax_state *s, const unsigned char *bytes, size_t count) {
    if (count == 0 || !fw_sax_reserve(s, count)) return;
    memcpy(s->buf + s->len, bytes, count);
    s->len += count;
}

static inline void fw_sax_characters(void *ctx, const xmlChar *ch, int len) {
    fw_sax_state *s = (fw_sax_state *)ctx;
    if (len <= 0 || s->mode == FW_TEXT_DROP) return;
    if (s->mode == FW_TEXT_KEEP) { fw_sax_append(s, ch, (size_t)len); return; }
    if (!fw_sax_reserve(s, (size_t)len * 5)) return; /* worst case: every byte becomes &amp; */
    unsigned char *out = s->buf + s->len;
    for (int i = 0; i < len; i++) {
        unsigned char c = ch[i];
        if (c == '&') { memcpy(out, "&amp;", 5); out += 5; }
        else if (c == '<') { memcpy(out, "&lt;", 4); out += 4; }
        else if (c == '>') { memcpy(out, "&gt;", 4); out += 4; }
        else *out++ = c;
    }
    s->len = (size_t)(out - s->buf);
}

static inline void fw_sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                                int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                                const xmlChar **attributes) {
    (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    fw_sax_state *s = (fw_sax_state *)ctx;
    s->start(s->owner, localname, prefix, uri, nb_attributes, attributes);
}

static inline void fw_sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    fw_sax_state *s = (fw_sax_state *)ctx;
    s->end(s->owner, localname, prefix, uri);
}

static inline void fw_sax_install(xmlSAXHandler *sax) {
    sax->startElementNs = fw_sax_start;
    sax->endElementNs = fw_sax_end;
    sax->characters = fw_sax_characters;
    sax->cdataBlock = fw_sax_characters;
}

static inline void fw_sax_free_buffer(fw_sax_state *s) { free(s->buf); s->buf = NULL; s->len = s->cap = 0; }
#endif
