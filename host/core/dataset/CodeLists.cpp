#include "dataset/CodeLists.h"

#include <pugixml.hpp>

#include "util/Error.h"

// Generated from schemas/ by EmbedFiles.cmake.
extern const char brobyg_codelists_xml[];
extern const unsigned long brobyg_codelists_xml_size;
extern const char brobyg_codebook_xml[];
extern const unsigned long brobyg_codebook_xml_size;

namespace brobyg::dataset {
namespace {

struct Loaded {
  std::vector<CodeList> lists;
  std::vector<CrosswalkRow> crosswalk;
};

// "1-8" or "7" or "1,3-5": the numbers listed.
std::vector<int> numberList(const char* text) {
  std::vector<int> out;
  std::string_view s(text);
  while (!s.empty()) {
    std::size_t comma = s.find(',');
    std::string_view part = s.substr(0, comma);
    std::size_t dash = part.find('-');
    int from = std::stoi(std::string(part.substr(0, dash)));
    int to = dash == std::string_view::npos ? from : std::stoi(std::string(part.substr(dash + 1)));
    for (int n = from; n <= to; ++n) out.push_back(n);
    s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
  }
  return out;
}

Provision provision(pugi::xml_node basis) {
  Provision p;
  p.law = basis.attribute("law").value();
  p.paragraph = basis.attribute("paragraph").as_int();
  p.stk = basis.attribute("stk").as_int();
  p.numbers = numberList(basis.attribute("nr").value());
  p.except = numberList(basis.attribute("except").value());
  return p;
}

Loaded load() {
  pugi::xml_document doc;
  if (!doc.load_buffer(brobyg_codelists_xml, brobyg_codelists_xml_size))
    throw Error("embedded schemas/codelists.xml does not parse");
  Loaded out;
  pugi::xml_node root = doc.child("codelists");
  for (pugi::xml_node list : root.children("list")) {
    CodeList l{list.attribute("name").value(), {}};
    for (pugi::xml_node code : list.children("code")) {
      Code c{code.attribute("value").value(),
             code.child("da").text().get(),
             code.child("en").text().get(),
             {},
             {}};
      for (pugi::xml_node o : code.children("official")) c.official.push_back(o.text().get());
      for (pugi::xml_node r : code.children("recorded")) c.recorded.push_back(r.text().get());
      l.codes.push_back(std::move(c));
    }
    out.lists.push_back(std::move(l));
  }
  for (pugi::xml_node row : root.child("crosswalk").children("row")) {
    CrosswalkRow r{row.attribute("kind").value(), row.child("da").text().get(), {}};
    for (pugi::xml_node basis : row.children("basis")) r.provisions.push_back(provision(basis));
    out.crosswalk.push_back(std::move(r));
  }
  return out;
}

const Loaded& loaded() {
  static const Loaded data = load();
  return data;
}

}  // namespace

const Code* CodeList::find(std::string_view value) const {
  for (const Code& c : codes)
    if (c.value == value) return &c;
  return nullptr;
}

std::string CodeList::joined() const {
  std::string out;
  for (const Code& c : codes) {
    if (!out.empty()) out += '|';
    out += c.value;
  }
  return out;
}

const std::vector<CodeList>& allCodeLists() {
  return loaded().lists;
}

const CodeList& codeList(std::string_view name) {
  for (const CodeList& l : allCodeLists())
    if (l.name == name) return l;
  throw Error("no code list '" + std::string(name) + "' in schemas/codelists.xml");
}

const std::vector<CrosswalkRow>& crosswalk() {
  return loaded().crosswalk;
}

std::string_view embeddedCodeListsXml() {
  return {brobyg_codelists_xml, brobyg_codelists_xml_size};
}
std::string_view embeddedCodebookXml() {
  return {brobyg_codebook_xml, brobyg_codebook_xml_size};
}

}  // namespace brobyg::dataset
