#pragma once

#include <brobyg_plugin.h>

#include <string>
#include <string_view>
#include <vector>

namespace brobyg::dataset {

// The type of an output column, as it appears in CSV, XML and the XSD.
enum class ColumnType {
  Pseudonym,  // 26 lowercase base32 characters
  YearMonth,  // yyyy-mm
  Date,       // yyyy-mm-dd
  Int,        // decimal integer
  Code,       // one of `codes`
  Text
};

// A field a source plugin delivers (before pseudonymisation).
struct InputField {
  std::string name;
  brobyg_field_type type;
  bool required;
  std::string codes;  // '|'-separated, for BROBYG_FIELD_CODE
  std::string description;
};

// A column of the standardised dataset the host writes.
struct OutputColumn {
  std::string name;
  ColumnType type;
  bool required;  // false: may be empty in CSV / left out in XML
  std::string codes;
  std::string description;
};

// One standardised dataset (DESIGN §5): what sources deliver and what packages carry.
// The XSD in schemas/ must describe `outputColumns` (a test checks the two agree).
class DatasetSpec {
 public:
  DatasetSpec(std::string name, unsigned version, std::string xmlNamespace,
              std::vector<InputField> inputs, std::vector<OutputColumn> outputs);
  DatasetSpec(const DatasetSpec&) = delete;
  DatasetSpec& operator=(const DatasetSpec&) = delete;

  const std::string& name() const { return name_; }
  unsigned version() const { return version_; }
  const std::string& xmlNamespace() const {
    return xmlNamespace_;
  }                                                              // urn:brobyg:dataset:NAME:VERSION
  const std::string& schemaFile() const { return schemaFile_; }  // NAME.xsd
  const std::vector<InputField>& inputs() const { return inputs_; }
  const std::vector<OutputColumn>& outputs() const { return outputs_; }
  // Index of an input field or output column; -1 when there is none.
  int inputIndex(std::string_view field) const;
  int outputIndex(std::string_view column) const;
  // The output columns (dates) whose range is the manifest's period; may be empty.
  const std::vector<std::string>& periodColumns() const { return periodColumns_; }

  // The ABI view handed to source plugins; valid as long as this spec lives.
  const brobyg_dataset_def* abi() const { return &abi_; }

 private:
  std::string name_;
  unsigned version_;
  std::string xmlNamespace_;
  std::string schemaFile_;
  std::vector<InputField> inputs_;
  std::vector<OutputColumn> outputs_;
  std::vector<std::string> periodColumns_;
  std::vector<brobyg_field_def> abiFields_;
  brobyg_dataset_def abi_{};
};

// Datasets known to this build.
const DatasetSpec& absenceEvent();
const DatasetSpec* findDataset(std::string_view name);
std::vector<const DatasetSpec*> allDatasets();

}  // namespace brobyg::dataset
