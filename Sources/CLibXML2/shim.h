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
#endif
