// Fuzz target: a document from arbitrary bytes through the prolog check, pugixml, namespace
// binding and record extraction. Invariants: a failure is an sdk::Error naming the file; a
// document type declaration in the prolog is always refused; every record found becomes
// exactly one row or one reject; reasons name a field, never a value; origins name a line
// of the file; dates come out ISO.
#include "RecordMapper.h"
#include "XmlDocument.h"
#include "XmlSettingsTable.h"

#include <testing/CapturingSink.hpp>
#include <testing/PluginHarness.hpp>

#include <testing/StandardDatasets.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void violated(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  std::abort();
}

using namespace brobyg;

const testing::SettingsMap kValues = {{"directory", "/nonexistent"},
                                      {"namespace.v", "urn:f"},
                                      {"record", "//v:r | //r"},
                                      {"path.person", "@p | p"},
                                      {"path.date", "d"},
                                      {"path.kind", "@k"},
                                      {"path.municipality", "/v:x/@m"},  // once per document
                                      {"date_format", "d.m.yyyy"},
                                      {"value.kind.*", "notification"}};

struct Mapper {
  Mapper()
      : args(testing::withDefaults(xml::kSettings, std::size(xml::kSettings), kValues),
             brobyg::testing::datasets::caseEvent()),
        context(args.abi()),
        config(xml::XmlConfig::fromSettings(context.settings())),
        mapper(context.settings(), context.dataset(), config) {}
  testing::CreateArgs args;
  sdk::Context context;
  xml::XmlConfig config;
  xml::RecordMapper mapper;
};

void checkRows(const testing::CapturingSink& sink, std::uint64_t lines) {
  for (const auto& row : sink.rows()) {
    if (row.values.size() != 4) violated("row width");
    if (!row.values[3].empty() && row.values[3].size() != 10) violated("date not ISO");
    if (row.origin.rfind("f.xml:", 0) != 0) violated("row origin");
  }
  for (const auto& reject : sink.rejects()) {
    if (reject.reason.rfind("field '", 0) != 0) violated("reason does not name a field");
    const std::uint64_t line = std::stoull(reject.origin.substr(6));
    if (line == 0 || line > lines) violated("reject origin outside the file");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  static Mapper m;
  xml::XmlDocument document;
  document.bytes.assign(reinterpret_cast<const char*>(data), size);
  try {
    xml::parseDocument(document, "f.xml", m.config.namespaces);
  } catch (const sdk::Error& e) {
    if (std::string(e.what()).rfind("file 'f.xml' ", 0) != 0) violated("error names no file");
    return 0;
  }
  if (xml::hasDoctype(document.bytes)) violated("document type declaration accepted");
  const size_t records = document.tree.select_nodes("//v:r | //r").size();
  testing::CapturingSink sink;
  const auto done = m.mapper.read(document, "f.xml", sdk::RowSink(sink.abi()));
  if (!done.finished) violated("stopped without being asked");
  if (sink.rows().size() + sink.rejects().size() != records) violated("records lost or doubled");
  checkRows(sink, xml::lineAt(document.bytes, document.bytes.size()));
  return 0;
}
