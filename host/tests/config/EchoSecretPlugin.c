/* A source plugin that repeats its secret setting `token` wherever it can: in a log line at
 * create() and in the error it fails with. The host must blank it out of both (secret values
 * never reach a log or an error, whatever a plugin does). Built only for SecretSettingsTest. */
#include <brobyg_plugin.h>

#include <stdio.h>
#include <string.h>

static const brobyg_setting_def settings[] = {
    /* A secret with a default is a mistake a plugin can make: --describe must not show it. */
    {"token", BROBYG_SETTING_STRING, BROBYG_SETTING_SECRET, "default-token-4711", NULL,
     "a secret"},
};

static int create(const brobyg_create_args* args, void** out, brobyg_error* error) {
  const char* token = "";
  char line[512];
  for (size_t i = 0; i < args->setting_count; ++i)
    if (strcmp(args->settings[i].key, "token") == 0) token = args->settings[i].value;
  snprintf(line, sizeof line, "logging the token %s, twice: %s", token, token);
  args->log(args->host_ctx, BROBYG_LOG_WARNING, line);
  snprintf(error->buffer, error->capacity, "refusing token %s", token);
  *out = NULL;
  return BROBYG_FAILED;
}

static int check(void* instance, brobyg_error* error) {
  (void)instance;
  (void)error;
  return BROBYG_OK;
}

static int pull(void* instance, const char* cursor, size_t size, const brobyg_row_sink* sink,
                brobyg_error* error) {
  (void)instance;
  (void)cursor;
  (void)size;
  (void)sink;
  (void)error;
  return BROBYG_OK;
}

static void destroy(void* instance) { (void)instance; }

static const brobyg_plugin_descriptor descriptor = {
    BROBYG_ABI_MAJOR, BROBYG_ABI_MINOR, sizeof(brobyg_plugin_descriptor),
    "echo_secret", "1.0.0", "repeats its secret (a test of the host's redaction)",
    BROBYG_KIND_SOURCE, BROBYG_NOT_THREAD_SAFE, settings, 1, create, check, pull, NULL, destroy};

BROBYG_PLUGIN_EXPORT const brobyg_plugin_descriptor* brobyg_plugin_entry(void) {
  return &descriptor;
}
