#include "dataset/DatasetSpec.h"

#include <deque>
#include <mutex>

#include "dataset/CodeLists.h"
#include "util/Error.h"

namespace brobyg::dataset {
namespace {

brobyg_field_type abiType(FieldKind kind) {
  switch (kind) {
    case FieldKind::Person:
      return BROBYG_FIELD_PERSON;
    case FieldKind::Code:
      return BROBYG_FIELD_CODE;
    case FieldKind::Date:
      return BROBYG_FIELD_DATE;
    case FieldKind::WholeNumber:
      return BROBYG_FIELD_INT;
    case FieldKind::Text:
    case FieldKind::Municipality:
    case FieldKind::Institution:
    case FieldKind::LegalBasis:
      break;
  }
  return BROBYG_FIELD_TEXT;
}

[[noreturn]] void invalid(const std::string& dataset, const std::string& what) {
  throw Error("dataset " + dataset + ": " + what);
}

}  // namespace

DatasetSpec::DatasetSpec(DatasetDeclaration declaration)
    : d_(std::move(declaration)),
      xmlNamespace_("urn:brobyg:dataset:" + d_.name + ":" + std::to_string(d_.version)),
      schemaFile_(d_.name + ".xsd") {
  if (d_.xmlRoot.empty()) d_.xmlRoot = d_.name + "s";
  if (d_.xmlRecord.empty()) d_.xmlRecord = "record";
  resolve();
  for (const InputField& f : d_.inputs) {
    abiFields_.push_back(brobyg_field_def{f.name.c_str(), static_cast<uint32_t>(abiType(f.kind)),
                                          f.required ? BROBYG_FIELD_REQUIRED : 0u,
                                          f.codes.empty() ? nullptr : f.codes.c_str()});
  }
  abi_ = brobyg_dataset_def{d_.name.c_str(), d_.version, abiFields_.size(), abiFields_.data()};
}

// Turns every name of the declaration into an index, once, and refuses what does not hold.
void DatasetSpec::resolve() {
  // A dataset's name becomes file names (row digests, schema) and keys in the state database,
  // where names with other characters are reserved (summary::SummaryStore::kGenerationName).
  if (d_.name.empty() ||
      d_.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    invalid(d_.name, "a dataset name is lower-case letters, digits and '_'");
  for (std::size_t i = 0; i < d_.inputs.size(); ++i) {
    InputField& f = d_.inputs[i];
    if (f.kind == FieldKind::Code) f.codes = codeList(f.codeList).joined();
    if (f.kind == FieldKind::Person) {
      if (personField_ >= 0) invalid(d_.name, "more than one person field");
      personField_ = static_cast<int>(i);
    }
  }
  for (OutputColumn& c : d_.outputs) {
    if (c.type == ColumnType::Code) c.codes = codeList(c.codeList).joined();
    int source = -1;
    if (c.origin == Origin::Input || c.origin == Origin::Age) {
      source = inputIndex(c.from);
      if (source < 0) invalid(d_.name, "column " + c.name + " reads no input field " + c.from);
    }
    // The normaliser derives an age only from a date every row has; any other field would
    // leave the column without an age on some rows.
    if (c.origin == Origin::Age) {
      const InputField& date = d_.inputs[static_cast<std::size_t>(source)];
      if (date.kind != FieldKind::Date || !date.required)
        invalid(d_.name, "column " + c.name + " needs a required date field, not " + c.from);
    }
    bool personal = c.origin == Origin::Pseudonym || c.origin == Origin::BirthMonth ||
                    c.origin == Origin::Sex || c.origin == Origin::Age;
    if (personal && personField_ < 0) invalid(d_.name, "column " + c.name + " needs a person");
    if ((c.origin == Origin::Derived) != derived())
      invalid(d_.name, "column " + c.name +
                           (derived() ? " of a derived dataset must be Derived"
                                      : " is Derived, but the dataset names no derivedFrom"));
    outputSource_.push_back(source);
  }
  if (derived() && !d_.inputs.empty()) invalid(d_.name, "a derived dataset has no inputs");
  for (const std::string& column : d_.periodColumns)
    if (outputIndex(column) < 0) invalid(d_.name, "no period column " + column);
  for (const std::string& column : d_.quasiIdentifiers)
    if (outputIndex(column) < 0) invalid(d_.name, "no quasi-identifier column " + column);
  if (!d_.quasiIdentifiers.empty() && outputIndex("person") < 0)
    invalid(d_.name, "quasi-identifiers without a person column");
  for (RowRule& rule : d_.rules) {
    rule.inputIndex.clear();
    rule.outputIndex.clear();
    for (const std::string& field : rule.inputs) {
      rule.inputIndex.push_back(inputIndex(field));
      if (rule.inputIndex.back() < 0) invalid(d_.name, rule.name + ": no input field " + field);
    }
    for (const std::string& column : rule.outputs) {
      int index = outputIndex(column);
      if (index < 0 || d_.outputs[static_cast<std::size_t>(index)].origin != Origin::Rule)
        invalid(d_.name, rule.name + ": no rule column " + column);
      rule.outputIndex.push_back(index);
    }
  }
}

int DatasetSpec::inputIndex(std::string_view field) const {
  for (std::size_t i = 0; i < d_.inputs.size(); ++i)
    if (d_.inputs[i].name == field) return static_cast<int>(i);
  return -1;
}

int DatasetSpec::outputIndex(std::string_view column) const {
  for (std::size_t i = 0; i < d_.outputs.size(); ++i)
    if (d_.outputs[i].name == column) return static_cast<int>(i);
  return -1;
}

namespace {

// Datasets registered at run time (tests); a deque keeps their addresses stable.
struct Registry {
  std::mutex mutex;
  std::deque<DatasetSpec> extra;
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

const DatasetSpec* findDataset(std::string_view name) {
  for (const DatasetSpec* spec : allDatasets())
    if (spec->name() == name) return spec;
  return nullptr;
}

std::vector<const DatasetSpec*> allDatasets() {
  std::vector<const DatasetSpec*> out{&absenceEvent(),  &caseMeasure(),     &caseEvent(),
                                      &schoolOutcome(), &enrolment(),       &absenceSummary(),
                                      &personPeriod(),  &absenceAggregate()};
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  for (const DatasetSpec& spec : r.extra) out.push_back(&spec);
  return out;
}

const DatasetSpec& registerDataset(DatasetDeclaration declaration) {
  if (findDataset(declaration.name) != nullptr)
    throw Error("dataset " + declaration.name + " is known already");
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  return r.extra.emplace_back(std::move(declaration));
}

}  // namespace brobyg::dataset
