#pragma once

#include <brobyg_plugin.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/RowRule.h"

namespace brobyg::dataset {

// What a source's value must be; the normaliser checks each kind (DESIGN §4-§5).
enum class FieldKind {
  Person,        // CPR number (DDMMYYSSSS or DDMMYY-SSSS); the host pseudonymises it
  Text,          // any text
  Code,          // one of the field's code list
  Date,          // yyyy-mm-dd
  WholeNumber,   // decimal digits within [low, high]
  Municipality,  // kommunekode, 3 digits or 4 with a leading 0; written with 3
  Institution,   // institution number, 6 digits
  LegalBasis     // a provision as a caseworker recorded it (text; see LegalBasis.h)
};

// A field a source plugin delivers (before pseudonymisation).
struct InputField {
  std::string name;
  FieldKind kind = FieldKind::Text;
  bool required = false;
  std::string codeList;        // FieldKind::Code: the name of a list in schemas/codelists.xml
  int low = 0, high = 0;       // FieldKind::WholeNumber: the bounds
  bool notAfterToday = false;  // FieldKind::Date: a date after today rejects the row
  std::string description;
  std::string hint;   // appended to the reason when a Code value is not in the list
  std::string codes;  // filled in from codeList: '|'-separated, as the plugin ABI wants them
};

// The type of an output column, as it appears in CSV, XML and the XSD.
enum class ColumnType {
  Pseudonym,  // 26 lowercase base32 characters
  YearMonth,  // yyyy-mm
  Date,       // yyyy-mm-dd
  Int,        // decimal integer
  Code,       // one of `codes`
  Text
};

// Where an output column's value comes from.
enum class Origin {
  Input,       // the (checked, trimmed) input field `from`
  Pseudonym,   // the person's pseudonym
  BirthMonth,  // the person's birth year and month
  Sex,         // female | male, from the CPR number
  Age,         // whole years at the end of the month before the date field `from`
  SourceId,    // the id of the source instance that delivered the row
  Rule,        // set by one of the spec's row rules
  Derived      // computed by the host from other datasets of the job (absence_summary)
};

// A column of the standardised dataset the host writes.
struct OutputColumn {
  std::string name;
  ColumnType type = ColumnType::Text;
  bool required = false;  // false: may be empty in CSV / left out in XML
  Origin origin = Origin::Input;
  std::string from;      // Origin::Input: the field; Origin::Age: the date field
  std::string codeList;  // ColumnType::Code: a list of schemas/codelists.xml
  std::string description;
  std::string codes;  // filled in from codeList
};

// Everything a dataset declares. Build one with the helpers below and hand it to DatasetSpec.
struct DatasetDeclaration {
  std::string name;
  unsigned version = 1;
  std::vector<InputField> inputs;
  std::vector<OutputColumn> outputs;
  std::vector<std::string> periodColumns;  // output dates whose range is the manifest's period
  std::string xmlRoot;                     // default: name + "s"
  std::string xmlRecord;                   // default: "record"
  std::vector<RowRule> rules;              // run in order after every field passed its own check
  // Output columns an outsider could know about a person (birth month, sex, municipality,
  // school, grade): the risk report's equivalence classes. Empty: no person in the rows.
  std::vector<std::string> quasiIdentifiers;
  // A derived dataset (no inputs, no source): the datasets of the same job it is computed
  // from. A job names it without a source.
  std::vector<std::string> derivedFrom;
  // Counts over groups of children, suppressed below k, never a row of one child: the only
  // kind of dataset a job whose legal basis allows aggregates only may ship.
  bool aggregate = false;
};

// One standardised dataset (DESIGN §5): what sources deliver and what packages carry.
// The constructor resolves names (fields, columns, code lists, rule slots) and throws
// brobyg::Error for a declaration that does not hold together. The XSD in schemas/ must
// describe `outputs` (a test checks the two agree).
class DatasetSpec {
 public:
  explicit DatasetSpec(DatasetDeclaration declaration);
  DatasetSpec(const DatasetSpec&) = delete;
  DatasetSpec& operator=(const DatasetSpec&) = delete;

  const std::string& name() const { return d_.name; }
  unsigned version() const { return d_.version; }
  const std::string& xmlNamespace() const { return xmlNamespace_; }  // urn:brobyg:dataset:N:V
  const std::string& schemaFile() const { return schemaFile_; }      // NAME.xsd
  const std::string& xmlRoot() const { return d_.xmlRoot; }
  const std::string& xmlRecord() const { return d_.xmlRecord; }
  const std::vector<InputField>& inputs() const { return d_.inputs; }
  const std::vector<OutputColumn>& outputs() const { return d_.outputs; }
  const std::vector<RowRule>& rules() const { return d_.rules; }
  // Index of an output column; -1 when there is none.
  int outputIndex(std::string_view column) const;
  // The output columns (dates) whose range is the manifest's period; may be empty.
  const std::vector<std::string>& periodColumns() const { return d_.periodColumns; }
  const std::vector<std::string>& quasiIdentifiers() const { return d_.quasiIdentifiers; }
  const std::vector<std::string>& derivedFrom() const { return d_.derivedFrom; }
  bool derived() const { return !d_.derivedFrom.empty(); }
  bool aggregate() const { return d_.aggregate; }
  // Per output column: the input field it reads (Input and Age origins), else -1.
  const std::vector<int>& outputSource() const { return outputSource_; }
  // The input field holding the person, or -1.
  int personField() const { return personField_; }

  // The ABI view handed to source plugins; valid as long as this spec lives.
  const brobyg_dataset_def* abi() const { return &abi_; }

 private:
  void resolve();
  int inputIndex(std::string_view field) const;

  DatasetDeclaration d_;
  std::string xmlNamespace_;
  std::string schemaFile_;
  std::vector<int> outputSource_;
  int personField_ = -1;
  std::vector<brobyg_field_def> abiFields_;
  brobyg_dataset_def abi_{};
};

// Datasets known to this build.
const DatasetSpec& absenceEvent();
const DatasetSpec& caseMeasure();
const DatasetSpec& caseEvent();
const DatasetSpec& schoolOutcome();
const DatasetSpec& enrolment();
const DatasetSpec& absenceSummary();
const DatasetSpec& personPeriod();
const DatasetSpec& absenceAggregate();
const DatasetSpec* findDataset(std::string_view name);
std::vector<const DatasetSpec*> allDatasets();

// Adds a dataset to those findDataset()/allDatasets() know, for the life of the process
// (tests declare datasets this way; a name already known throws brobyg::Error).
const DatasetSpec& registerDataset(DatasetDeclaration declaration);

}  // namespace brobyg::dataset
