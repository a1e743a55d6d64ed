#include "dataset/DatasetSpec.h"

namespace brobyg::dataset {

DatasetSpec::DatasetSpec(std::string name, unsigned version, std::string xmlNamespace,
                         std::vector<InputField> inputs, std::vector<OutputColumn> outputs)
    : name_(std::move(name)),
      version_(version),
      xmlNamespace_(std::move(xmlNamespace)),
      schemaFile_(name_ + ".xsd"),
      inputs_(std::move(inputs)),
      outputs_(std::move(outputs)) {
  for (const InputField& f : inputs_) {
    abiFields_.push_back(brobyg_field_def{f.name.c_str(), static_cast<uint32_t>(f.type),
                                          f.required ? BROBYG_FIELD_REQUIRED : 0u,
                                          f.codes.empty() ? nullptr : f.codes.c_str()});
  }
  if (outputIndex("date") >= 0) periodColumns_.push_back("date");
  abi_ = brobyg_dataset_def{name_.c_str(), version_, abiFields_.size(), abiFields_.data()};
}

int DatasetSpec::inputIndex(std::string_view field) const {
  for (std::size_t i = 0; i < inputs_.size(); ++i)
    if (inputs_[i].name == field) return static_cast<int>(i);
  return -1;
}

int DatasetSpec::outputIndex(std::string_view column) const {
  for (std::size_t i = 0; i < outputs_.size(); ++i)
    if (outputs_[i].name == column) return static_cast<int>(i);
  return -1;
}

const DatasetSpec& absenceEvent() {
  static const DatasetSpec spec(
      "absence_event", 1, "urn:brobyg:dataset:absence_event:1",
      {
          {"person", BROBYG_FIELD_PERSON, true, "",
           "CPR number of the pupil (DDMMYYSSSS or DDMMYY-SSSS)"},
          {"municipality", BROBYG_FIELD_TEXT, true, "",
           "municipality code (kommunekode), 3 or 4 digits"},
          {"school", BROBYG_FIELD_TEXT, true, "",
           "school institution number (institutionsnummer), 6 digits"},
          {"grade", BROBYG_FIELD_INT, false, "", "grade (klassetrin) 0-10; 0 = boernehaveklasse"},
          {"date", BROBYG_FIELD_DATE, true, "", "date of the absence"},
          {"unit", BROBYG_FIELD_CODE, false, "day|lesson", "day (default) or lesson"},
          {"lesson", BROBYG_FIELD_INT, false, "", "lesson number 1-12 when unit is lesson"},
          {"category", BROBYG_FIELD_CODE, true, "sick|authorised|unauthorised|unknown",
           "absence category of the absence order"},
      },
      {
          {"person", ColumnType::Pseudonym, true, "", "pseudonym of the pupil"},
          {"birth_month", ColumnType::YearMonth, true, "", "birth year and month"},
          {"sex", ColumnType::Code, true, "female|male", "sex derived from the CPR number"},
          {"age", ColumnType::Int, true, "", "age in whole years on the date of the absence"},
          {"municipality", ColumnType::Text, true, "", "municipality code (kommunekode)"},
          {"school", ColumnType::Text, true, "", "school institution number"},
          {"grade", ColumnType::Int, false, "", "grade 0-10"},
          {"date", ColumnType::Date, true, "", "date of the absence"},
          {"unit", ColumnType::Code, true, "day|lesson", "unit of the absence"},
          {"lesson", ColumnType::Int, false, "", "lesson number when unit is lesson"},
          {"category", ColumnType::Code, true, "sick|authorised|unauthorised|unknown",
           "absence category"},
          {"source", ColumnType::Text, true, "",
           "id of the source instance that delivered the row"},
      });
  return spec;
}

const DatasetSpec* findDataset(std::string_view name) {
  for (const DatasetSpec* spec : allDatasets())
    if (spec->name() == name) return spec;
  return nullptr;
}

std::vector<const DatasetSpec*> allDatasets() {
  return {&absenceEvent()};
}

}  // namespace brobyg::dataset
