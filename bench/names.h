/*
 * names.h — the word tables and the PRNG shared by the data generator and
 * the search benchmark, so that the benchmark asks for what the generator
 * wrote (surnames, given-name characters, English names, note words).
 */
#ifndef KEFU_BENCH_NAMES_H
#define KEFU_BENCH_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* A deterministic PRNG (xoshiro256**, seeded through splitmix64). */
struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *, uint64_t seed);
uint64_t rng_next(struct rng *);
/* Uniform in [0, n). */
uint64_t rng_below(struct rng *, uint64_t n);
/* Index into a table of N entries, skewed towards the front (rank r has
 * weight about 1 / (r + 8)), as name frequencies are. */
size_t rng_skewed(struct rng *, size_t n);

struct weighted {
	const char *s;
	int	 w;
};

/* Chinese surnames weighted by frequency (per mille, roughly). */
extern const struct weighted bench_surnames[];
extern const size_t bench_nsurnames;
/* Characters used in given names, most common first. */
extern const char *const bench_given[];
extern const size_t bench_ngiven;
extern const char *const bench_en_first[];
extern const size_t bench_nen_first;
extern const char *const bench_en_last[];
extern const size_t bench_nen_last;
/* Words of profile notes, Chinese and English. */
extern const char *const bench_note_words[];
extern const size_t bench_nnote_words;
extern const char *const bench_mobile_prefixes[];
extern const size_t bench_nmobile_prefixes;

/* A surname drawn by weight. */
const char *names_surname(struct rng *);

#endif
