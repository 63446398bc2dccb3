/*
 * phone.h — phone number normalisation (one function, used on write and on
 * lookup, fuzzed).
 *
 * Accepts what people type: spaces, dashes, dots, parentheses, a leading `+`
 * or `00` international prefix, a national trunk `0`.  Without a country
 * prefix the default country code is assumed (86 unless KEFU_COUNTRY or the
 * config says otherwise).  The result is E.164: `+` then 7–15 digits
 * (country code included; at least 5 digits must be typed).
 */
#ifndef KEFU_PHONE_H
#define KEFU_PHONE_H

#include <stddef.h>

/* Normalise RAW into OUT (at least 17 bytes). DEFAULT_CC is the country
 * calling code digits without `+` ("86"). Returns 0, or -1 with a static
 * reason in *why (never NULL) when RAW is not a phone number. */
int phone_normalise(const char *raw, const char *default_cc, char *out,
    size_t outlen, const char **why);

/* The default country code: $KEFU_COUNTRY if it is 1–3 digits, else "86". */
const char *phone_default_cc(void);

/* True if TEXT looks like a phone number or a fragment of one: only digits
 * and the separators above, with at least MIN_DIGITS digits. */
int phone_like(const char *text, int min_digits);

/* Copy the digits of TEXT into OUT (NUL-terminated, truncated to OUTLEN-1). */
void phone_digits(const char *text, char *out, size_t outlen);

#endif
