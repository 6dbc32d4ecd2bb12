// OpenSSL's libcrypto, for the HMAC-SHA256 signatures webhooks and chat bots ask for (the same library
// libcurl already links for TLS). One function, so nothing else of OpenSSL's API reaches Swift.
#include <openssl/evp.h>
#include <openssl/hmac.h>

/// HMAC-SHA256 of `data` with `key` into `out` (32 bytes); returns 1 on success.
static inline int fw_hmac_sha256(const void *key, int key_len, const unsigned char *data, size_t data_len,
                                 unsigned char *out) {
    unsigned int len = 0;
    return HMAC(EVP_sha256(), key, key_len, data, data_len, out, &len) != NULL && len == 32;
}
