/*
 * brobyg plugin ABI, version 1.
 *
 * The only contract between the brobyg host and an adapter plugin. Plain C so that a
 * plugin is not bound to the host's compiler, C runtime or Poco build (docs/architecture.md).
 *
 * Rules:
 *  - A plugin exports one symbol, BROBYG_PLUGIN_ENTRY_SYMBOL, returning its descriptor.
 *  - The host refuses a descriptor whose abi_major differs from BROBYG_ABI_MAJOR and accepts
 *    an older abi_minor; struct_size tells how much of the descriptor the plugin knows.
 *  - Memory that crosses the boundary belongs to the host: strings passed to a plugin are
 *    valid only during the call; a plugin reports errors by writing into the host's
 *    brobyg_error buffer and hands rows to the host's sink, which copies what it keeps.
 *  - No C++ exception may cross the boundary (the C++ SDK wraps every callback).
 *  - Threads: a host never calls into one plugin file from two threads at once unless the
 *    descriptor's thread_safety allows it (see brobyg_thread_safety). Calls may come from
 *    different threads one after another (brobygd's scheduler thread, brobyg's main thread),
 *    so a plugin keeps no thread-local state between calls. Today's host makes every plugin
 *    call from one thread at a time whatever thread_safety says; a declaration only allows a
 *    later host to do more.
 */
#ifndef BROBYG_PLUGIN_H
#define BROBYG_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BROBYG_ABI_MAJOR 1
#define BROBYG_ABI_MINOR 0

#define BROBYG_PLUGIN_ENTRY_SYMBOL "brobyg_plugin_entry"

#if defined(_WIN32)
#define BROBYG_PLUGIN_EXPORT __declspec(dllexport)
#else
#define BROBYG_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* Return codes of every callback. */
#define BROBYG_OK 0
#define BROBYG_FAILED 1      /* the operation failed; the error buffer says why */
#define BROBYG_RETRY_LATER 2 /* temporary failure (network, locked file); try again later */

typedef enum brobyg_plugin_kind {
  BROBYG_KIND_SOURCE = 1,
  BROBYG_KIND_DESTINATION = 2
} brobyg_plugin_kind;

/* What a plugin allows a host to call at the same time (the only rule on threads). */
typedef enum brobyg_thread_safety {
  BROBYG_NOT_THREAD_SAFE = 0, /* default: one call at a time into the plugin file, across all
                                 of its instances */
  BROBYG_INSTANCE_SAFE = 1,   /* calls on different instances may overlap; one call at a time
                                 per instance */
  BROBYG_FULLY_SAFE = 2       /* calls on one instance may overlap, too */
} brobyg_thread_safety;

typedef enum brobyg_setting_type {
  BROBYG_SETTING_STRING = 1,
  BROBYG_SETTING_INT = 2,     /* decimal, optional sign; bounded by choices "min..max" */
  BROBYG_SETTING_BOOL = 3,    /* true/false */
  BROBYG_SETTING_PATH = 4,    /* file or folder; relative paths are made absolute by the host */
  BROBYG_SETTING_CHAR = 5,    /* exactly one character; \t accepted for tab */
  BROBYG_SETTING_CHOICE = 6,  /* one of the '|'-separated words in choices */
  BROBYG_SETTING_MAP = 7,     /* key/value entries, passed as "<key>.<entry>" = value */
  BROBYG_SETTING_DURATION = 8 /* integer with unit: 30s, 5m, 2h, 1d; at most nine digits;
                                 optionally bounded by choices "min..max", e.g. "0s..30d" */
} brobyg_setting_type;

#define BROBYG_SETTING_REQUIRED 0x1u
#define BROBYG_SETTING_SECRET 0x2u /* never logged or printed with its value */

/* One row of a plugin's settings table: validates configuration and documents it. */
typedef struct brobyg_setting_def {
  const char* key;
  uint32_t type;             /* brobyg_setting_type */
  uint32_t flags;            /* BROBYG_SETTING_* */
  const char* default_value; /* NULL: no default */
  /* BROBYG_SETTING_CHOICE: the words, "a|b|c".
   * BROBYG_SETTING_INT: the inclusive range, "min..max" (e.g. "0..1000000", "-5..5"); the host
   * refuses a value outside it, naming the range. Give every INT setting a range: one without
   * (NULL, as plugins built before 1.0 ranges) is accepted unbounded, and `brobyg check` and
   * `brobyg plugins --describe` warn about it. A range that is not min..max accepts nothing.
   * BROBYG_SETTING_DURATION: optionally "min..max" in durations ("1s..1d"); NULL: 0s up to
   * nine digits of its unit.
   * Other types: NULL. (The field keeps its ABI 1.0 place and size.) */
  const char* choices;
  const char* description;
} brobyg_setting_def;

/* A validated setting as the host passes it to create(): defaults filled in. */
typedef struct brobyg_setting {
  const char* key;
  const char* value;
} brobyg_setting;

typedef enum brobyg_field_type {
  BROBYG_FIELD_TEXT = 1,
  BROBYG_FIELD_PERSON = 2, /* a person identifier (CPR); the host pseudonymises it */
  BROBYG_FIELD_DATE = 3,   /* the plugin delivers ISO 8601 yyyy-mm-dd */
  BROBYG_FIELD_INT = 4,
  BROBYG_FIELD_CODE = 5 /* one of the dataset's codes (see the codebook) */
} brobyg_field_type;

#define BROBYG_FIELD_REQUIRED 0x1u

/* The input fields of the dataset a source instance feeds, as the host defines them. */
typedef struct brobyg_field_def {
  const char* name;
  uint32_t type;     /* brobyg_field_type */
  uint32_t flags;    /* BROBYG_FIELD_* */
  const char* codes; /* BROBYG_FIELD_CODE: "a|b|c"; else NULL */
} brobyg_field_def;

typedef struct brobyg_dataset_def {
  const char* name;
  uint32_t version;
  size_t field_count;
  const brobyg_field_def* fields;
} brobyg_dataset_def;

/* Host-owned buffer a plugin writes an error message into (truncated to capacity - 1). */
typedef struct brobyg_error {
  char* buffer;
  size_t capacity;
} brobyg_error;

typedef struct brobyg_str {
  const char* data;
  size_t size;
} brobyg_str;

typedef enum brobyg_log_level {
  BROBYG_LOG_ERROR = 3,
  BROBYG_LOG_WARNING = 4,
  BROBYG_LOG_INFO = 6,
  BROBYG_LOG_DEBUG = 7
} brobyg_log_level;

/* Logging through the host, whose last-line filter masks anything that looks like a CPR
 * number. Plugins must still never log row contents. */
typedef void (*brobyg_log_fn)(void* host_ctx, uint32_t level, const char* message);

typedef struct brobyg_create_args {
  size_t struct_size;
  const char* instance_id;
  const brobyg_setting* settings;
  size_t setting_count;
  const brobyg_dataset_def* dataset; /* sources: the dataset to produce; NULL for destinations */
  const char* work_dir;              /* a private folder of the instance inside the state folder */
  brobyg_log_fn log;
  void* host_ctx;
} brobyg_create_args;

/*
 * Where a source puts what it reads. Rows carry one value per dataset field, in the order
 * of brobyg_dataset_def.fields; an empty value (size 0) means absent. `origin` names where
 * the row came from without personal data, e.g. "fravaer.csv:17".
 *
 * row() returns BROBYG_OK to go on or BROBYG_FAILED when the host wants the pull to stop.
 * reject() sends a row the plugin could not read to the host's quarantine; `raw` is the
 * row as read and never reaches a log.
 * cursor() records the position after everything delivered so far; the host stores it only
 * once the package holding those rows is durably in the outbox, and passes it back to the
 * next pull().
 */
typedef struct brobyg_row_sink {
  size_t struct_size;
  void* ctx;
  int (*row)(void* ctx, const brobyg_str* values, size_t value_count, const char* origin);
  void (*reject)(void* ctx, const char* origin, const char* reason, const char* raw,
                 size_t raw_size);
  void (*cursor)(void* ctx, const char* cursor, size_t cursor_size);
} brobyg_row_sink;

/* A package handed to a destination: the file is complete and durable; never modify it. */
typedef struct brobyg_package_ref {
  size_t struct_size;
  const char* package_id; /* the idempotency key: the same id always means the same bytes */
  const char* path;
  uint64_t size;
  const char* sha256_hex;
  const char* file_name; /* the name the package should have at the destination */
} brobyg_package_ref;

/* The receipt of a delivery: text the destination can show again for the same package. */
typedef void (*brobyg_receipt_fn)(void* ctx, const char* receipt, size_t receipt_size);

typedef struct brobyg_plugin_descriptor {
  uint32_t abi_major;
  uint32_t abi_minor;
  size_t struct_size;
  const char* name;
  const char* version;
  const char* description;
  uint32_t kind;          /* brobyg_plugin_kind */
  uint32_t thread_safety; /* brobyg_thread_safety */
  const brobyg_setting_def* settings;
  size_t setting_count;

  int (*create)(const brobyg_create_args* args, void** instance, brobyg_error* error);
  /* Reach the source or destination without moving data (brobyg check). */
  int (*check)(void* instance, brobyg_error* error);
  /* Sources: read everything after `cursor` (NULL on the first run) into the sink. */
  int (*pull)(void* instance, const char* cursor, size_t cursor_size, const brobyg_row_sink* sink,
              brobyg_error* error);
  /* Destinations: deliver a package, idempotent by package_id. */
  int (*deliver)(void* instance, const brobyg_package_ref* package, brobyg_receipt_fn receipt,
                 void* receipt_ctx, brobyg_error* error);
  void (*destroy)(void* instance);
} brobyg_plugin_descriptor;

typedef const brobyg_plugin_descriptor* (*brobyg_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* BROBYG_PLUGIN_H */
