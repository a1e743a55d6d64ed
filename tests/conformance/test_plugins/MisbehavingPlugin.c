/* A plugin written against the raw C ABI that breaks its rules on purpose: it fills the
 * error buffer without a terminator and hands over malformed values. The host must stay
 * memory-safe and quarantine such rows. */
#include <brobyg_plugin.h>

#include <stdlib.h>
#include <string.h>

static const brobyg_setting_def settings[] = {
    {"mode", BROBYG_SETTING_CHOICE, 0, "fill_error", "fill_error|bad_values",
     "Which rule to break."},
};

typedef struct {
  int badValues;
  size_t fields;
} instance_t;

static int create(const brobyg_create_args* args, void** out, brobyg_error* error) {
  int badValues = 0;
  for (size_t i = 0; i < args->setting_count; ++i)
    if (strcmp(args->settings[i].key, "mode") == 0)
      badValues = strcmp(args->settings[i].value, "bad_values") == 0;
  if (!badValues) {
    memset(error->buffer, 'x', error->capacity); /* no terminator at all */
    return BROBYG_FAILED;
  }
  instance_t* self = (instance_t*)malloc(sizeof(instance_t));
  self->badValues = 1;
  self->fields = args->dataset != NULL ? args->dataset->field_count : 0;
  *out = self;
  return BROBYG_OK;
}

static int check(void* instance, brobyg_error* error) {
  (void)instance;
  (void)error;
  return BROBYG_OK;
}

static int pull(void* instance, const char* cursor, size_t cursorSize, const brobyg_row_sink* sink,
                brobyg_error* error) {
  instance_t* self = (instance_t*)instance;
  (void)cursor;
  (void)cursorSize;
  (void)error;
  brobyg_str values[32];
  static char big[70000];
  memset(big, 'b', sizeof big);
  for (size_t i = 0; i < self->fields && i < 32; ++i) {
    values[i].data = "x";
    values[i].size = 1;
  }
  values[0].data = NULL; /* a size without data */
  values[0].size = 5;
  sink->row(sink->ctx, values, self->fields, "bad:1");
  values[0].data = big; /* a value over the host's bound */
  values[0].size = sizeof big;
  sink->row(sink->ctx, values, self->fields, "bad:2");
  sink->row(sink->ctx, NULL, self->fields, "bad:3"); /* no values at all */
  values[0].data = "x";
  values[0].size = 1;
  sink->row(sink->ctx, values, self->fields, "good:4");
  sink->cursor(sink->ctx, NULL, 7); /* a size without data */
  return BROBYG_OK;
}

static void destroy(void* instance) {
  free(instance);
}

BROBYG_PLUGIN_EXPORT const brobyg_plugin_descriptor* brobyg_plugin_entry(void) {
  static const brobyg_plugin_descriptor descriptor = {BROBYG_ABI_MAJOR,
                                                      BROBYG_ABI_MINOR,
                                                      sizeof(brobyg_plugin_descriptor),
                                                      "misbehaving",
                                                      "1.0.0",
                                                      "breaks the ABI's rules on purpose",
                                                      BROBYG_KIND_SOURCE,
                                                      BROBYG_NOT_THREAD_SAFE,
                                                      settings,
                                                      1,
                                                      create,
                                                      check,
                                                      pull,
                                                      NULL,
                                                      destroy};
  return &descriptor;
}
