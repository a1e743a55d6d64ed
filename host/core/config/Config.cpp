#include "config/Config.h"

#include <algorithm>

#include "plugin/PluginRegistry.h"
#include "util/Error.h"
#include "util/MunicipalityCode.h"

namespace brobyg::config {

namespace {
template <typename T>
const T* byId(const std::vector<T>& items, const std::string& id) {
  for (const T& item : items)
    if (item.id == id) return &item;
  return nullptr;
}
}  // namespace

const ProjectConfig* Config::project(const std::string& id) const {
  return byId(projects, id);
}
const RecipientConfig* Config::recipient(const std::string& id) const {
  return byId(recipients, id);
}
const InstanceConfig* Config::source(const std::string& id) const {
  return byId(sources, id);
}
const InstanceConfig* Config::destination(const std::string& id) const {
  return byId(destinations, id);
}
const JobConfig* Config::job(const std::string& id) const {
  return byId(jobs, id);
}

bool JobConfig::ships(const std::string& dataset) const {
  return std::any_of(datasets.begin(), datasets.end(),
                     [&](const JobDatasetConfig& d) { return d.dataset == dataset && d.ship; });
}

std::string Config::pluginDirectory() const {
  return service.pluginDirectory.empty() ? plugin::PluginRegistry::defaultDirectory()
                                         : service.pluginDirectory;
}

std::set<std::string> Config::pluginNames() const {
  std::set<std::string> names;
  for (const InstanceConfig& source : sources) names.insert(source.plugin);
  for (const InstanceConfig& destination : destinations) names.insert(destination.plugin);
  return names;
}

const SchoolCalendarConfig* findSchoolCalendar(const Config& config,
                                               const std::string& municipality) {
  const auto code = canonicalMunicipality(municipality);
  if (!code) return nullptr;
  for (const SchoolCalendarConfig& calendar : config.schoolCalendars)
    if (calendar.spec.municipality == *code) return &calendar;
  return nullptr;
}

}  // namespace brobyg::config
