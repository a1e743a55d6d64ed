// The one normaliser: checks a source's row against its DatasetSpec and builds the output row
// from the spec's column origins and rules. Every reason is built when the normaliser is made,
// so that a row allocates nothing (only a rejected row copies its reason).
#include <charconv>

#include "dataset/Utf8.h"
#include "pipeline/RowNormaliser.h"
#include "util/Error.h"
#include "util/IdentifierMask.h"
#include "util/MunicipalityCode.h"

namespace brobyg::pipeline {

using dataset::FieldKind;
using dataset::Origin;

namespace {

// Longest free text a field may carry (a legal basis, a placement type as recorded).
constexpr std::size_t kMaxText = 200;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool allDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool wholeNumber(std::string_view s, int low, int high) {
  if (!allDigits(s) || s.size() > 9) return false;
  int value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value >= low && value <= high;
}

// Well-formed UTF-8 without control characters: what a dataset's text may hold.
bool cleanText(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    char32_t cp = 0;
    std::size_t n = dataset::decodeUtf8(p, end, cp);
    if (n == 0 || cp < 0x20 || cp == 0x7F || !dataset::isXmlChar(cp)) return false;
    p += n;
  }
  return true;
}

// "not a, b or c"
std::string listed(const std::vector<std::string>& codes) {
  std::string out = "not ";
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) out += i + 1 == codes.size() ? " or " : ", ";
    out += codes[i];
  }
  return out;
}

std::vector<std::string> split(const std::string& codes) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= codes.size() && !codes.empty()) {
    std::size_t bar = codes.find('|', start);
    out.push_back(codes.substr(start, bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

// What the normaliser knows of one input field, reasons included.
struct FieldCheck {
  FieldKind kind;
  bool required;
  bool notAfterToday;
  int low, high;
  std::vector<std::string> codes;
  std::string missing, invalid, future, beforeBirth, looksLikeCpr;
};

FieldCheck fieldCheck(const dataset::InputField& f) {
  FieldCheck c{f.kind,
               f.required,
               f.notAfterToday,
               f.low,
               f.high,
               split(f.codes),
               f.name + ": missing",
               "",
               f.name + ": in the future",
               f.name + ": before the person's birth date",
               f.name + ": looks like a CPR number (check the column mapping)"};
  switch (f.kind) {
    case FieldKind::Person:
      c.invalid = f.name + ": not a valid CPR number (";
      break;
    case FieldKind::Code:
      c.invalid = f.name + ": " + listed(c.codes) + (f.hint.empty() ? "" : " (" + f.hint + ")");
      break;
    case FieldKind::Date:
      c.invalid = f.name + ": not a date yyyy-mm-dd";
      break;
    case FieldKind::WholeNumber:
      c.invalid = f.name + ": not a whole number from " + std::to_string(f.low) + " to " +
                  std::to_string(f.high);
      break;
    case FieldKind::Municipality:
      c.invalid = f.name + ": not a kommunekode (3 digits, or 4 with a leading 0)";
      break;
    case FieldKind::Institution:
      c.invalid = f.name + ": not an institution number";
      break;
    case FieldKind::Text:
    case FieldKind::LegalBasis:
      c.invalid = f.name + ": not text of at most " + std::to_string(kMaxText) +
                  " characters without control characters";
      break;
  }
  return c;
}

class SpecNormaliser : public RowNormaliser {
 public:
  SpecNormaliser(const dataset::DatasetSpec& spec, pseudo::Pseudonymiser& pseudonymiser,
                 const pseudo::Date& today)
      : spec_(spec),
        pseudonymiser_(pseudonymiser),
        today_(today),
        person_(spec.personField()),
        n_(spec.inputs().size()),
        nOut_(spec.outputs().size()),
        in_(n_),
        row_(in_.data()) {
    for (const dataset::InputField& f : spec.inputs()) checks_.push_back(fieldCheck(f));
    // The output plan as flat lists, so that a row walks no spec structures.
    for (std::size_t i = 0; i < spec.outputs().size(); ++i) {
      const Origin origin = spec.outputs()[i].origin;
      const int source = spec.outputSource()[i];
      if (origin == Origin::Age) ageField_ = source;
      if (origin == Origin::Input)
        copies_.push_back({i, static_cast<std::size_t>(source)});
      else if (origin == Origin::Rule)
        ruleColumns_.push_back(i);
      else
        derived_.push_back({i, origin});
    }
    for (const dataset::RowRule& rule : spec.rules()) {
      counterOffset_.push_back(counterNames_.size());
      for (const std::string& name : rule.counters) counterNames_.push_back(name);
    }
    counters_.assign(counterNames_.size(), 0);
  }

  bool normalise(const brobyg_str* values, std::size_t count, std::string_view sourceId,
                 std::vector<std::string_view>& out, std::string& reason) override {
    if (count != n_) {
      reason = "row has " + std::to_string(count) + " values, " + spec_.name() + " takes " +
               std::to_string(n_);
      return false;
    }
    std::string_view* in = in_.data();
    for (std::size_t i = 0; i < n_; ++i) in[i] = trim({values[i].data, values[i].size});
    // Every column but a rule's is overwritten below; a rule's starts empty.
    if (out.size() != nOut_) out.assign(nOut_, std::string_view());
    for (std::size_t column : ruleColumns_) out[column] = std::string_view();
    const std::string* problem = checkPerson();
    if (problem == nullptr) problem = checkFields();
    if (problem == nullptr) problem = runRules(out);
    if (problem != nullptr) {
      reason = *problem;
      if (problem == &checks_[static_cast<std::size_t>(person_)].invalid) {
        reason += pseudo::describe(cpr_.problem);
        reason += ")";
      }
      return false;
    }
    fillOutputs(sourceId, out);
    return true;
  }

  void prefetch(const brobyg_str* values, std::size_t count) const override {
    if (person_ < 0 || static_cast<std::size_t>(person_) >= count) return;
    const brobyg_str& cpr = values[static_cast<std::size_t>(person_)];
    pseudonymiser_.prefetch(std::string_view(cpr.data, cpr.size));
  }

  std::vector<RunCount> counts() const override {
    std::vector<RunCount> out;
    for (std::size_t i = 0; i < counterNames_.size(); ++i)
      out.push_back({counterNames_[i], counters_[i]});
    return out;
  }

 private:
  // The person first: a mapping mistake (a CPR column mapped to another field) must not ship a
  // CPR number in clear, so any other value that reads as one rejects the row.
  const std::string* checkPerson() {
    if (person_ < 0) return nullptr;
    const auto p = static_cast<std::size_t>(person_);
    if (in_[p].empty()) return &checks_[p].missing;
    const std::string_view* in = in_.data();
    for (std::size_t i = 0; i < n_; ++i) {
      if (i == p || in[i].size() < 9 || in[i].size() > 13) continue;
      if (containsIdentifier(in[i])) return &checks_[i].looksLikeCpr;
    }
    cpr_ = pseudo::parseCpr(in_[p], today_);
    if (!cpr_.ok()) return &checks_[p].invalid;
    return nullptr;
  }

  const std::string* checkFields() {
    age_ = -1;
    const FieldCheck* checks = checks_.data();
    std::string_view* in = in_.data();
    for (std::size_t i = 0; i < n_; ++i) {
      const FieldCheck& c = checks[i];
      if (c.kind == FieldKind::Person) continue;
      std::string_view& v = in[i];
      if (v.empty()) {
        if (c.required) return &c.missing;
        continue;
      }
      if (const std::string* problem = checkValue(i, c, v)) return problem;
    }
    return nullptr;
  }

  const std::string* checkValue(std::size_t i, const FieldCheck& c, std::string_view& v) {
    switch (c.kind) {
      case FieldKind::Person:
        return nullptr;
      case FieldKind::Code:
        for (const std::string& code : c.codes)
          if (v == code) return nullptr;
        return &c.invalid;
      case FieldKind::Date:
        return checkDate(i, c, v);
      case FieldKind::WholeNumber:
        return wholeNumber(v, c.low, c.high) ? nullptr : &c.invalid;
      case FieldKind::Municipality: {
        auto code = canonicalMunicipality(v);
        if (!code) return &c.invalid;
        v = *code;
        return nullptr;
      }
      case FieldKind::Institution:
        return v.size() == 6 && allDigits(v) ? nullptr : &c.invalid;
      case FieldKind::Text:
      case FieldKind::LegalBasis:
        return v.size() <= kMaxText && cleanText(v) ? nullptr : &c.invalid;
    }
    return &c.invalid;
  }

  const std::string* checkDate(std::size_t i, const FieldCheck& c, std::string_view v) {
    auto date = pseudo::parseIsoDate(v);
    if (!date) return &c.invalid;
    if (c.notAfterToday && *date > today_) return &c.future;
    if (static_cast<int>(i) == ageField_) {
      auto age = pseudo::ageOn(cpr_.cpr, *date);
      if (!age) return &c.beforeBirth;
      age_ = *age;
      publishedAge_ = pseudo::ageByMonths(cpr_.cpr, *date);
    }
    return nullptr;
  }

  const std::string* runRules(std::vector<std::string_view>& out) {
    row_.beginRow(out.data(), age_);
    const auto& rules = spec_.rules();
    for (std::size_t r = 0; r < rules.size(); ++r) {
      row_.bind(rules[r].inputIndex.data(), rules[r].outputIndex.data(),
                counters_.data() + counterOffset_[r]);
      if (const char* problem = rules[r].check(row_)) {
        ruleReason_ = problem;
        return &ruleReason_;
      }
    }
    return nullptr;
  }

  void fillOutputs(std::string_view sourceId, std::vector<std::string_view>& outputs) {
    std::string_view* out = outputs.data();
    const std::string_view* in = in_.data();
    for (const Copy& c : copies_) out[c.out] = in[c.in];
    for (const Derived& d : derived_) {
      const std::size_t i = d.out;
      switch (d.origin) {
        case Origin::Input:
        case Origin::Rule:
        case Origin::Derived:  // never normalised: a derived dataset has no source
          break;               // copied above, or set by its rule
        case Origin::Pseudonym:
          pseudonym_ = pseudonymiser_.pseudonym(cpr_.cpr);
          out[i] = pseudonym_.view();
          break;
        case Origin::BirthMonth:
          out[i] = birthMonth();
          break;
        case Origin::Sex:
          out[i] = cpr_.cpr.sex == pseudo::Sex::Male ? "male" : "female";
          break;
        case Origin::Age: {
          auto [end, ec] =
              std::to_chars(age_buf_.data(), age_buf_.data() + age_buf_.size(), publishedAge_);
          (void)ec;
          out[i] =
              std::string_view(age_buf_.data(), static_cast<std::size_t>(end - age_buf_.data()));
          break;
        }
        case Origin::SourceId:
          out[i] = sourceId;
          break;
      }
    }
  }

  std::string_view birthMonth() {
    int y = cpr_.cpr.year, m = cpr_.cpr.month;
    birthMonth_ = {static_cast<char>('0' + y / 1000),
                   static_cast<char>('0' + y / 100 % 10),
                   static_cast<char>('0' + y / 10 % 10),
                   static_cast<char>('0' + y % 10),
                   '-',
                   static_cast<char>('0' + m / 10),
                   static_cast<char>('0' + m % 10)};
    return {birthMonth_.data(), birthMonth_.size()};
  }

  struct Copy {
    std::size_t out, in;
  };
  struct Derived {
    std::size_t out;
    Origin origin;
  };

  const dataset::DatasetSpec& spec_;
  pseudo::Pseudonymiser& pseudonymiser_;
  pseudo::Date today_;
  int person_;
  int ageField_ = -1;
  std::vector<FieldCheck> checks_;
  std::vector<Copy> copies_;      // output columns copied from an input field
  std::vector<Derived> derived_;  // person-derived columns and the source id
  std::vector<std::size_t> ruleColumns_;
  const std::size_t n_;     // input fields
  const std::size_t nOut_;  // output columns
  std::vector<std::string_view> in_;
  dataset::RuleRow row_;
  std::vector<std::size_t> counterOffset_;
  std::vector<std::string> counterNames_;
  std::vector<std::uint64_t> counters_;
  std::string ruleReason_;
  pseudo::CprResult cpr_{};
  int age_ = -1;           // exact, for the rules' plausibility checks only
  int publishedAge_ = -1;  // the output column's (pseudo::ageByMonths)
  pseudo::Pseudonym pseudonym_;
  std::array<char, 7> birthMonth_{};
  std::array<char, 4> age_buf_{};
};

}  // namespace

std::unique_ptr<RowNormaliser> RowNormaliser::forDataset(const dataset::DatasetSpec& spec,
                                                         pseudo::Pseudonymiser& pseudonymiser,
                                                         const pseudo::Date& today) {
  return std::make_unique<SpecNormaliser>(spec, pseudonymiser, today);
}

}  // namespace brobyg::pipeline
