#include "dataset/Outcomes.h"

#include <pugixml.hpp>

#include "dataset/CodeLists.h"
#include "util/Error.h"

namespace brobyg::dataset {
namespace {

struct Loaded {
  std::vector<OutcomeScale> scales;
  std::vector<OutcomeInstrument> instruments;
};

// "4-9" or "2,4,6,8": the grades listed.
std::vector<int> gradeList(std::string_view s) {
  std::vector<int> out;
  while (!s.empty()) {
    const std::size_t comma = s.find(',');
    const std::string part(s.substr(0, comma));
    const std::size_t dash = part.find('-');
    const int from = std::stoi(part.substr(0, dash));
    const int to = dash == std::string::npos ? from : std::stoi(part.substr(dash + 1));
    for (int g = from; g <= to; ++g) out.push_back(g);
    s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
  }
  return out;
}

// Space-separated words.
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < s.size()) {
    const std::size_t end = std::min(s.find(' ', at), s.size());
    if (end > at) out.emplace_back(s.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

Loaded load() {
  const std::string_view xml = embeddedCodeListsXml();
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size()))
    throw Error("embedded schemas/codelists.xml does not parse");
  Loaded out;
  pugi::xml_node root = doc.child("codelists").child("outcomes");
  for (pugi::xml_node s : root.children("scale"))
    out.scales.push_back({s.attribute("code").value(), words(s.attribute("values").value()),
                          s.attribute("low").as_int(), s.attribute("high").as_int(),
                          s.attribute("decimals").as_int()});
  for (pugi::xml_node i : root.children("instrument")) {
    OutcomeInstrument instrument{
        i.attribute("code").value(), i.attribute("from").value(), i.attribute("to").value(), {}};
    for (pugi::xml_node t : i.children("test"))
      instrument.tests.push_back({t.attribute("subject").value(),
                                  gradeList(t.attribute("grades").value()),
                                  words(t.attribute("scales").value())});
    out.instruments.push_back(std::move(instrument));
  }
  return out;
}

const Loaded& loaded() {
  static const Loaded data = load();
  return data;
}

bool allDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// 1-3 digits (leading zeros dropped) within low..high.
bool checkWhole(const OutcomeScale& scale, std::string_view score, std::string_view& out) {
  if (!allDigits(score) || score.size() > 3) return false;
  const int value = std::stoi(std::string(score));
  if (value < scale.low || value > scale.high) return false;
  const std::size_t first = score.find_first_not_of('0');
  out = first == std::string_view::npos ? score.substr(score.size() - 1) : score.substr(first);
  return true;
}

// Whole part, point or comma, decimals; exactly within low..high before rounding (so that
// 0.96 is off a 1-5 scale, never rounded onto it), then rounded half up on the digits.
bool checkDecimal(const OutcomeScale& scale, std::string_view score, ScoreBuffer& buffer,
                  std::string_view& out) {
  const std::size_t separator = score.find_first_of(".,");
  const std::string_view whole = score.substr(0, separator);
  const std::string_view fraction =
      separator == std::string_view::npos ? std::string_view() : score.substr(separator + 1);
  if (!allDigits(whole) || whole.size() > 3) return false;
  if (separator != std::string_view::npos && !allDigits(fraction)) return false;
  const int wholeValue = std::stoi(std::string(whole));
  const bool fractionZero = fraction.find_first_not_of('0') == std::string_view::npos;
  if (wholeValue < scale.low || wholeValue > scale.high ||
      (wholeValue == scale.high && !fractionZero))
    return false;
  long units = wholeValue;  // the value in steps of 10^-decimals
  for (int d = 0; d < scale.decimals; ++d)
    units = units * 10 + (static_cast<std::size_t>(d) < fraction.size() ? fraction[d] - '0' : 0);
  const std::size_t next = static_cast<std::size_t>(scale.decimals);
  if (next < fraction.size() && fraction[next] >= '5') ++units;
  long divisor = 1;
  for (int d = 0; d < scale.decimals; ++d) divisor *= 10;
  const std::string text =
      std::to_string(units / divisor) + "." + std::to_string(divisor + units % divisor).substr(1);
  if (text.size() > buffer.size()) return false;
  std::copy(text.begin(), text.end(), buffer.begin());
  out = std::string_view(buffer.data(), text.size());
  return true;
}

}  // namespace

bool OutcomeTest::hasGrade(int grade) const {
  for (int g : grades)
    if (g == grade) return true;
  return false;
}

bool OutcomeTest::hasScale(std::string_view scale) const {
  for (const std::string& s : scales)
    if (s == scale) return true;
  return false;
}

const OutcomeTest* OutcomeInstrument::find(std::string_view subject) const {
  for (const OutcomeTest& t : tests)
    if (t.subject == subject) return &t;
  return nullptr;
}

bool OutcomeInstrument::usedIn(std::string_view schoolYear) const {
  const int year = schoolYearStart(schoolYear);
  return year >= schoolYearStart(from) && (to.empty() || year <= schoolYearStart(to));
}

const std::vector<OutcomeScale>& outcomeScales() {
  return loaded().scales;
}

const std::vector<OutcomeInstrument>& outcomeInstruments() {
  return loaded().instruments;
}

const OutcomeScale* findOutcomeScale(std::string_view code) {
  for (const OutcomeScale& s : outcomeScales())
    if (s.code == code) return &s;
  return nullptr;
}

const OutcomeInstrument* findOutcomeInstrument(std::string_view code) {
  for (const OutcomeInstrument& i : outcomeInstruments())
    if (i.code == code) return &i;
  return nullptr;
}

bool checkScore(const OutcomeScale& scale, std::string_view score, ScoreBuffer& buffer,
                std::string_view& normalised) {
  if (!scale.values.empty()) {
    for (const std::string& v : scale.values)
      if (v == score) {
        normalised = score;
        return true;
      }
    return false;
  }
  if (scale.decimals > 0) return checkDecimal(scale, score, buffer, normalised);
  return checkWhole(scale, score, normalised);
}

int schoolYearStart(std::string_view text) {
  if (text.size() != 7 && text.size() != 9) return -1;
  if (text[4] != '/' || !allDigits(text.substr(0, 4)) || !allDigits(text.substr(5))) return -1;
  const int first = std::stoi(std::string(text.substr(0, 4)));
  const int second = std::stoi(std::string(text.substr(5)));
  const int expected = text.size() == 7 ? (first + 1) % 100 : first + 1;
  return second == expected ? first : -1;
}

}  // namespace brobyg::dataset
