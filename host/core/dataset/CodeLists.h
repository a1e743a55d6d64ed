#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace brobyg::dataset {

// One code of a list in schemas/codelists.xml.
struct Code {
  std::string value;                  // short English token
  std::string da;                     // Danish label
  std::string en;                     // English label
  std::vector<std::string> official;  // official codes (e.g. Danmarks Statistik's), if any
  std::vector<std::string> recorded;  // words case systems record for it (placement types)
};

struct CodeList {
  std::string name;
  std::vector<Code> codes;

  const Code* find(std::string_view value) const;
  // "a|b|c", as the plugin ABI and DatasetSpec carry codes.
  std::string joined() const;
};

// One side of a crosswalk row: a provision of Barnets Lov (BL) or Serviceloven (SEL).
struct Provision {
  std::string law;  // BL | SEL
  int paragraph = 0;
  int stk = 0;               // 0: any
  std::vector<int> numbers;  // empty: any (but `except`)
  std::vector<int> except;
};

struct CrosswalkRow {
  std::string kind;  // a case_kind or case_event_kind code
  std::string da;
  std::vector<Provision> provisions;
};

// The code lists and crosswalk of schemas/codelists.xml, embedded in the binary at build time
// and parsed on first use.
const std::vector<CodeList>& allCodeLists();
// The list called `name`; throws brobyg::Error when there is none.
const CodeList& codeList(std::string_view name);
const std::vector<CrosswalkRow>& crosswalk();
// The embedded files, as shipped (schemas/codelists.xml and schemas/codebook.xml).
std::string_view embeddedCodeListsXml();
std::string_view embeddedCodebookXml();

}  // namespace brobyg::dataset
