/* A source that is not ready the first time it is asked: it hands over some rows, a rejected
 * row and a cursor, then answers BROBYG_RETRY_LATER (an export still being written). Every
 * later pull reads all 40 rows after the cursor it is given and reports cursor "40". Whether
 * it has answered retry-later is kept in its work folder, so "once" holds across processes.
 * The rows are absence_event rows, in the order of the fields the host passes. */
#include <brobyg_plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS 40
#define MAX_FIELDS 32

typedef struct {
  char marker[4096];
  size_t fields;
  const char* names[MAX_FIELDS];
} instance_t;

static int create(const brobyg_create_args* args, void** out, brobyg_error* error) {
  if (args->dataset == NULL || args->dataset->field_count > MAX_FIELDS ||
      strcmp(args->dataset->name, "absence_event") != 0) {
    snprintf(error->buffer, error->capacity, "retry_once only feeds absence_event");
    return BROBYG_FAILED;
  }
  instance_t* self = (instance_t*)calloc(1, sizeof(instance_t));
  if (self == NULL) return BROBYG_FAILED;
  snprintf(self->marker, sizeof self->marker, "%s/answered-retry-later", args->work_dir);
  self->fields = args->dataset->field_count;
  for (size_t i = 0; i < self->fields; ++i) self->names[i] = args->dataset->fields[i].name;
  *out = self;
  return BROBYG_OK;
}

static int check(void* instance, brobyg_error* error) {
  (void)instance;
  (void)error;
  return BROBYG_OK;
}

/* Row i: one of four pupils (born 2012-2015), a lesson on one of twenty days. */
static void rowValue(size_t row, const char* field, char* out, size_t size) {
  static const char* pupils[] = {"150215-4837", "010314-4231", "230612-4342", "311211-4453"};
  const char* value = "";
  char buffer[32];
  if (strcmp(field, "person") == 0) value = pupils[row % 4];
  if (strcmp(field, "municipality") == 0) value = "0101";
  if (strcmp(field, "school") == 0) value = "101002";
  if (strcmp(field, "grade") == 0) value = "5";
  if (strcmp(field, "unit") == 0) value = "lesson";
  if (strcmp(field, "category") == 0) value = "sick";
  if (strcmp(field, "date") == 0) {
    snprintf(buffer, sizeof buffer, "2025-10-%02u", (unsigned)(row % 20 + 1));
    value = buffer;
  }
  if (strcmp(field, "lesson") == 0) {
    snprintf(buffer, sizeof buffer, "%u", (unsigned)(row / 20 + 1));
    value = buffer;
  }
  snprintf(out, size, "%s", value);
}

static int sendRows(instance_t* self, const brobyg_row_sink* sink, size_t from, size_t to) {
  char values[MAX_FIELDS][32];
  brobyg_str row[MAX_FIELDS];
  char origin[32];
  for (size_t r = from; r < to; ++r) {
    for (size_t f = 0; f < self->fields; ++f) {
      rowValue(r, self->names[f], values[f], sizeof values[f]);
      row[f].data = values[f];
      row[f].size = strlen(values[f]);
    }
    snprintf(origin, sizeof origin, "retry_once:%u", (unsigned)(r + 1));
    if (sink->row(sink->ctx, row, self->fields, origin) != BROBYG_OK) return BROBYG_FAILED;
  }
  return BROBYG_OK;
}

static int pull(void* instance, const char* cursor, size_t cursorSize,
                const brobyg_row_sink* sink, brobyg_error* error) {
  instance_t* self = (instance_t*)instance;
  char position[16] = "0";
  if (cursor != NULL && cursorSize > 0 && cursorSize < sizeof position) {
    memcpy(position, cursor, cursorSize);
    position[cursorSize] = '\0';
  }
  size_t from = (size_t)strtoul(position, NULL, 10);
  if (from > ROWS) from = ROWS;
  if (from == 0) sink->reject(sink->ctx, "retry_once:0", "the header is not a row", "x;y", 3);

  FILE* marker = fopen(self->marker, "r");
  if (marker == NULL) {
    /* First time: half of what is there, a cursor, then "not ready". */
    size_t half = from + (ROWS - from) / 2;
    if (sendRows(self, sink, from, half) != BROBYG_OK) return BROBYG_FAILED;
    snprintf(position, sizeof position, "%u", (unsigned)half);
    sink->cursor(sink->ctx, position, strlen(position));
    marker = fopen(self->marker, "w");
    if (marker != NULL) fclose(marker);
    snprintf(error->buffer, error->capacity, "the export is still being written");
    return BROBYG_RETRY_LATER;
  }
  fclose(marker);
  if (sendRows(self, sink, from, ROWS) != BROBYG_OK) return BROBYG_FAILED;
  sink->cursor(sink->ctx, "40", 2);
  return BROBYG_OK;
}

static void destroy(void* instance) { free(instance); }

BROBYG_PLUGIN_EXPORT const brobyg_plugin_descriptor* brobyg_plugin_entry(void) {
  static const brobyg_plugin_descriptor descriptor = {
      BROBYG_ABI_MAJOR, BROBYG_ABI_MINOR, sizeof(brobyg_plugin_descriptor),
      "retry_once", "1.0.0", "answers retry-later on its first pull (tests)",
      BROBYG_KIND_SOURCE, BROBYG_NOT_THREAD_SAFE, NULL, 0, &create, &check, &pull, NULL, &destroy};
  return &descriptor;
}
