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
 * HTML description is hundreds of pieces). C gathers them so that Swift is called once per element boundary,
 * not once per piece; the per-call cost of a Swift callback was a fifth of the parse. */
typedef void (*fw_sax_start_fn)(void *owner, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                                int nb_attributes, const xmlChar **attributes);
typedef void (*fw_sax_end_fn)(void *owner, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri);
typedef void (*fw_sax_text_fn)(void *owner, const unsigned char *bytes, size_t count);

/* The parser's user data: what every callback (ours and the Swift ones) receives as its context. */
typedef struct fw_sax_state {
    void *owner;
    fw_sax_start_fn start;
    fw_sax_end_fn end;
    fw_sax_text_fn text;
    unsigned char *buf;
    size_t len, cap;
} fw_sax_state;

static inline void fw_sax_flush(fw_sax_state *s) {
    if (s->len) { s->text(s->owner, s->buf, s->len); s->len = 0; }
}

static inline void fw_sax_characters(void *ctx, const xmlChar *ch, int len) {
    fw_sax_state *s = (fw_sax_state *)ctx;
    if (len <= 0) return;
    size_t need = s->len + (size_t)len;
    if (need > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < need) cap *= 2;
        unsigned char *grown = (unsigned char *)realloc(s->buf, cap);
        if (!grown) { /* out of memory: hand over what we have and this piece directly */
            fw_sax_flush(s);
            s->text(s->owner, ch, (size_t)len);
            return;
        }
        s->buf = grown;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, ch, (size_t)len);
    s->len = need;
}

static inline void fw_sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                                int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                                const xmlChar **attributes) {
    (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    fw_sax_state *s = (fw_sax_state *)ctx;
    fw_sax_flush(s);
    s->start(s->owner, localname, prefix, uri, nb_attributes, attributes);
}

static inline void fw_sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    fw_sax_state *s = (fw_sax_state *)ctx;
    fw_sax_flush(s);
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
