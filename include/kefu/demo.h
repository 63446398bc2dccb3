/*
 * demo.h — a deterministic demo call centre: about 500 customers with
 * Chinese and English names, two years of contacts, complaints and
 * follow-ups (a few due in the first two minutes so a reminder fires).
 */
#ifndef KEFU_DEMO_H
#define KEFU_DEMO_H

#include <stdint.h>

struct db;

/* Fill an empty database with demo data as of NOW, seeded with SEED, with
 * AGENT as the owner of the first follow-ups. Returns the number of
 * customers created, 0 if the database already had customers (reused), or
 * negative with *cause. One transaction. */
int demo_populate(struct db *, const char *agent, int64_t now, uint32_t seed,
    int customers, char **cause);

#endif
