/* Descriptors of other sizes than this SDK's, built three times (CMakeLists.txt):
 *   ABI_SIZE_EXACT      struct_size is exactly the ABI 1.0 descriptor, as a plugin built for
 *                       1.0 has it after later minors added fields: it must load;
 *   ABI_SIZE_BIGGER     struct_size is larger, as from an SDK that appended fields, with an
 *                       abi_minor this host knows: it must load, the tail left unread;
 *   ABI_SIZE_TRUNCATED  struct_size is smaller than ABI 1.0: it must be refused.
 * The descriptor ends exactly at struct_size, where an unreadable guard page begins: a host
 * that read one byte past struct_size would crash here instead of passing by luck. */
#include <brobyg_plugin.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <sys/mman.h>
#include <unistd.h>
#endif

/* The ABI 1.0 descriptor ends with destroy. */
#define SIZE_1_0 (offsetof(brobyg_plugin_descriptor, destroy) + sizeof(void (*)(void*)))

#if defined(ABI_SIZE_EXACT)
#define NAME "abi_exact"
#define STRUCT_SIZE SIZE_1_0
#elif defined(ABI_SIZE_BIGGER)
#define NAME "abi_bigger"
#define STRUCT_SIZE (SIZE_1_0 + 4 * sizeof(void*))
#elif defined(ABI_SIZE_TRUNCATED)
#define NAME "abi_truncated"
#define STRUCT_SIZE (offsetof(brobyg_plugin_descriptor, pull))
#else
#error "choose ABI_SIZE_EXACT, ABI_SIZE_BIGGER or ABI_SIZE_TRUNCATED"
#endif

static int create(const brobyg_create_args* args, void** instance, brobyg_error* error) {
  (void)args;
  (void)error;
  *instance = malloc(1);
  return *instance != NULL ? BROBYG_OK : BROBYG_FAILED;
}

static int check(void* instance, brobyg_error* error) {
  (void)instance;
  (void)error;
  return BROBYG_OK;
}

static int pull(void* instance, const char* cursor, size_t cursorSize, const brobyg_row_sink* sink,
                brobyg_error* error) {
  (void)instance;
  (void)error;
  (void)sink;
  (void)cursor;
  (void)cursorSize;
  return BROBYG_OK;
}

static void destroy(void* instance) {
  free(instance);
}

/* Two pages, readable and writable; NULL when they cannot be had. */
static unsigned char* twoPages(size_t* page) {
#ifdef _WIN32
  SYSTEM_INFO info;
  GetSystemInfo(&info);
  *page = info.dwPageSize;
  return VirtualAlloc(NULL, 2 * *page, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
#else
  *page = (size_t)sysconf(_SC_PAGESIZE);
  void* pages = mmap(NULL, 2 * *page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return pages == MAP_FAILED ? NULL : pages;
#endif
}

static void makeUnreadable(unsigned char* at, size_t size) {
#ifdef _WIN32
  DWORD before;
  VirtualProtect(at, size, PAGE_NOACCESS, &before);
#else
  mprotect(at, size, PROT_NONE);
#endif
}

BROBYG_PLUGIN_EXPORT const brobyg_plugin_descriptor* brobyg_plugin_entry(void) {
  static unsigned char* placed = NULL;
  if (placed == NULL) {
    size_t page = 0;
    unsigned char* pages = twoPages(&page);
    if (pages == NULL) return NULL;
    /* The full descriptor of this SDK, then only its first STRUCT_SIZE bytes, zero beyond. */
    brobyg_plugin_descriptor d;
    memset(&d, 0, sizeof d);
    d.abi_major = BROBYG_ABI_MAJOR;
    d.abi_minor = 0;
    d.struct_size = STRUCT_SIZE;
    d.name = NAME;
    d.version = "1.0.0";
    d.description = "a descriptor of another size";
    d.kind = BROBYG_KIND_SOURCE;
    d.thread_safety = BROBYG_NOT_THREAD_SAFE;
    d.create = &create;
    d.check = &check;
    d.pull = &pull;
    d.destroy = &destroy;
    placed = pages + page - STRUCT_SIZE;
    memset(placed, 0, STRUCT_SIZE);
    memcpy(placed, &d, STRUCT_SIZE < sizeof d ? STRUCT_SIZE : sizeof d);
    makeUnreadable(pages + page, page);
  }
  return (const brobyg_plugin_descriptor*)(const void*)placed;
}
