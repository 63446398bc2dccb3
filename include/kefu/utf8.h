/*
 * utf8.h — text as it reaches the terminal and the search index.
 *
 * Everything from data (names, notes, imported text) is hostile: it passes
 * through utf8_sanitise() before display, which makes control characters
 * visible (`^[`, `^G`, `<U+009B>`) and replaces invalid bytes with U+FFFD.
 * Widths are terminal columns (wcwidth), so CJK characters count two.
 */
#ifndef KEFU_UTF8_H
#define KEFU_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if S (LEN bytes) is valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t len);

/* Decode one code point at S (at most LEN bytes). Returns its length in
 * bytes (>= 1) and the code point in *cp; invalid input yields cp=0xFFFD and
 * length 1. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode CP into OUT (4 bytes room). Returns the length. */
int utf8_encode(uint32_t cp, char *out);

/* A new string safe to draw: C0/C1 controls and DEL shown as caret or
 * <U+XXXX> notation, invalid bytes as U+FFFD. If KEEP_NEWLINES, '\n' stays. */
char *utf8_sanitise(const char *s, bool keep_newlines);

/* Terminal columns of code point CP: 0, 1 or 2 (controls count 0). */
int utf8_cp_width(uint32_t cp);

/* Columns S takes on screen (after sanitising, invalid bytes count 1). */
int utf8_width(const char *s);

/* Bytes of S that fit in COLS columns without splitting a wide character;
 * *used gets the columns actually used (may be COLS-1 before a CJK char). */
size_t utf8_fit(const char *s, int cols, int *used);

/* A new string of at most COLS columns: S itself, or cut at a character
 * boundary with "…" at the end. */
char *utf8_ellipsise(const char *s, int cols);

/* A new copy of the first LEN bytes of S (at most MAX) fit to quote in
 * an error message: sanitised and cut to COLS columns. */
char *utf8_quote(const char *s, size_t len, size_t max, int cols);

/* True for Han / kana / hangul code points (each is its own search token). */
bool utf8_is_cjk(uint32_t cp);

/* The search key of S: lower-cased ASCII, every CJK character separated by
 * spaces so a word tokenizer indexes each one ("黄强 Li" → "黄 强 li"). */
char *utf8_search_key(const char *s);

#endif
