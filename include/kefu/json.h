/*
 * json.h — domain objects as JSON (jansson), for `--json` output and the
 * softphone link. Each returns a new reference the caller decrefs.
 */
#ifndef KEFU_JSON_H
#define KEFU_JSON_H

#include <jansson.h>
#include <stdint.h>

struct customer;
struct contact;
struct followup;
struct agent;
struct search_hit;

json_t *json_customer(const struct customer *, int64_t now);
json_t *json_contact(const struct contact *);
json_t *json_followup(const struct followup *);
json_t *json_agent(const struct agent *);
json_t *json_search_hit(const struct search_hit *);

/* ISO 8601 UTC string for T, or JSON null when T is 0. */
json_t *json_time(int64_t t);

/* Print J (compact, UTF-8, one line) to stdout and decref it. 0 or -1. */
int json_print(json_t *j);

#endif
