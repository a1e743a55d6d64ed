/* A plugin built for a future ABI major: the host must refuse to load it. */
#include <brobyg_plugin.h>

static const brobyg_setting_def settings[] = {
    {"directory", BROBYG_SETTING_PATH, BROBYG_SETTING_REQUIRED, 0, 0, "any folder"},
};

BROBYG_PLUGIN_EXPORT const brobyg_plugin_descriptor* brobyg_plugin_entry(void) {
  /* No callbacks at all: the host must look at nothing but the ABI version to refuse. */
  static const brobyg_plugin_descriptor descriptor = {BROBYG_ABI_MAJOR + 1,
                                                      0,
                                                      sizeof(brobyg_plugin_descriptor),
                                                      "wrongabi",
                                                      "9.0.0",
                                                      "built for a newer ABI major",
                                                      BROBYG_KIND_SOURCE,
                                                      BROBYG_NOT_THREAD_SAFE,
                                                      settings,
                                                      1,
                                                      0,
                                                      0,
                                                      0,
                                                      0,
                                                      0};
  return &descriptor;
}
