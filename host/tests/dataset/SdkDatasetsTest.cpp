// The SDK's copy of the standard datasets (plugins/sdk/testing/StandardDatasets.hpp), which
// plugin tests use instead of the host's DatasetSpec.h, is generated from the host's specs
// here: the test fails when the file differs from what the specs give, and
// BROBYG_UPDATE_GOLDEN=1 rewrites it. A second test compares the compiled tables field by field.
#include <testing/StandardDatasets.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dataset/DatasetSpec.h"

namespace brobyg::dataset {
namespace {

const std::string kHeader =
    std::string(BROBYG_SOURCE_DIR) + "/plugins/sdk/testing/StandardDatasets.hpp";

// absence_event -> AbsenceEvent
std::string pascalCase(const std::string& name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

const char* typeName(uint32_t type) {
  switch (type) {
    case BROBYG_FIELD_TEXT:
      return "BROBYG_FIELD_TEXT";
    case BROBYG_FIELD_PERSON:
      return "BROBYG_FIELD_PERSON";
    case BROBYG_FIELD_DATE:
      return "BROBYG_FIELD_DATE";
    case BROBYG_FIELD_INT:
      return "BROBYG_FIELD_INT";
    case BROBYG_FIELD_CODE:
      return "BROBYG_FIELD_CODE";
    default:
      ADD_FAILURE() << "unknown field type " << type;
      return "0";
  }
}

// The header as the host's specs give it: one line per field, so clang-format is off in it.
// The datasets a source plugin can be asked for: not the ones the host derives itself
// (absence_summary), which have no input fields.
std::vector<const DatasetSpec*> sourceDatasets() {
  std::vector<const DatasetSpec*> specs;
  for (const DatasetSpec* spec : allDatasets())
    if (!spec->derived()) specs.push_back(spec);
  return specs;
}

std::string generatedHeader() {
  std::ostringstream out;
  out << "// The standard datasets' input fields, exactly as the host hands them to a source\n"
         "// plugin's create (brobyg_create_args.dataset), so that plugin tests need no host\n"
         "// header. Generated from the host's dataset specs (host/core/dataset/Datasets.cpp) by\n"
         "// host/tests/dataset/SdkDatasetsTest.cpp, which fails when this file differs from "
         "them;\n"
         "// BROBYG_UPDATE_GOLDEN=1 rewrites it. Do not edit by hand.\n"
         "#pragma once\n\n"
         "#include <brobyg_plugin.h>\n\n"
         "#include <iterator>\n"
         "#include <string_view>\n\n"
         "// clang-format off\n"
         "namespace brobyg::testing::datasets {\n";
  for (const DatasetSpec* spec : sourceDatasets()) {
    const std::string id = pascalCase(spec->name());
    const brobyg_dataset_def* abi = spec->abi();
    out << "\n// " << spec->name() << ", version " << spec->version() << "\n";
    out << "inline constexpr brobyg_field_def k" << id << "Fields[] = {\n";
    for (size_t i = 0; i < abi->field_count; ++i) {
      const brobyg_field_def& f = abi->fields[i];
      out << "    {\"" << f.name << "\", " << typeName(f.type) << ", "
          << ((f.flags & BROBYG_FIELD_REQUIRED) ? "BROBYG_FIELD_REQUIRED" : "0") << ", "
          << (f.codes ? "\"" + std::string(f.codes) + "\"" : std::string("nullptr")) << "},\n";
    }
    out << "};\n";
    out << "inline constexpr brobyg_dataset_def k" << id << "{\"" << spec->name() << "\", "
        << spec->version() << ", std::size(k" << id << "Fields), k" << id << "Fields};\n";
    std::string fn = id;
    fn[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(fn[0])));
    out << "inline const brobyg_dataset_def* " << fn << "() { return &k" << id << "; }\n";
  }
  out << "\n// Every standard dataset, and one by name (nullptr when there is none).\n"
         "inline constexpr const brobyg_dataset_def* kAll[] = {";
  bool first = true;
  for (const DatasetSpec* spec : sourceDatasets()) {
    out << (first ? "" : ", ") << "&k" << pascalCase(spec->name());
    first = false;
  }
  out << "};\n"
         "inline const brobyg_dataset_def* find(std::string_view name) {\n"
         "  for (const brobyg_dataset_def* d : kAll)\n"
         "    if (name == d->name) return d;\n"
         "  return nullptr;\n"
         "}\n\n"
         "}  // namespace brobyg::testing::datasets\n"
         "// clang-format on\n";
  return out.str();
}

TEST(SdkDatasets, HeaderIsGeneratedFromTheHostSpecs) {
  const std::string expected = generatedHeader();
  if (const char* update = std::getenv("BROBYG_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(kHeader, std::ios::binary) << expected;
  }
  std::ifstream in(kHeader, std::ios::binary);
  ASSERT_TRUE(in) << kHeader;
  std::stringstream actual;
  actual << in.rdbuf();
  EXPECT_EQ(actual.str(), expected)
      << kHeader << " differs from the host's dataset specs; rerun with BROBYG_UPDATE_GOLDEN=1";
}

TEST(SdkDatasets, CompiledTablesEqualTheHostAbi) {
  size_t count = 0;
  for (const DatasetSpec* spec : sourceDatasets()) {
    ++count;
    const brobyg_dataset_def* host = spec->abi();
    const brobyg_dataset_def* sdk = brobyg::testing::datasets::find(spec->name());
    ASSERT_NE(sdk, nullptr) << spec->name();
    EXPECT_EQ(sdk->version, host->version) << spec->name();
    ASSERT_EQ(sdk->field_count, host->field_count) << spec->name();
    for (size_t i = 0; i < host->field_count; ++i) {
      const brobyg_field_def& h = host->fields[i];
      const brobyg_field_def& s = sdk->fields[i];
      const std::string where = spec->name() + "." + h.name;
      EXPECT_STREQ(s.name, h.name) << where;
      EXPECT_EQ(s.type, h.type) << where;
      EXPECT_EQ(s.flags, h.flags) << where;
      EXPECT_STREQ(s.codes ? s.codes : "(none)", h.codes ? h.codes : "(none)") << where;
    }
  }
  const size_t sdkCount = std::size(brobyg::testing::datasets::kAll);
  EXPECT_TRUE(count == sdkCount) << "the host has " << count << " source datasets, the SDK "
                                 << sdkCount;
  EXPECT_EQ(brobyg::testing::datasets::find("no_such_dataset"), nullptr);
}

}  // namespace
}  // namespace brobyg::dataset
