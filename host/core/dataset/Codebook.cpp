#include "dataset/Codebook.h"

#include <pugixml.hpp>

#include <sstream>

#include "dataset/CodeLists.h"
#include "dataset/CsvField.h"
#include "util/Error.h"

namespace brobyg::dataset {
namespace {

constexpr const char* kNamespace = "urn:brobyg:codebook:1";

std::string text(pugi::xml_node node, const char* child, const char* lang) {
  return node.find_child_by_attribute(child, "lang", lang).text().get();
}

// Every `child` in `lang`, in order: a dataset's description may have several paragraphs
// (school_outcome's scales and small-cell caution), and none may be lost in CSV or HTML.
std::vector<std::string> paragraphs(pugi::xml_node node, const char* child, const char* lang) {
  std::vector<std::string> out;
  for (pugi::xml_node n : node.children(child))
    if (std::string_view(n.attribute("lang").value()) == lang) out.push_back(n.text().get());
  return out;
}

std::string joined(const std::vector<std::string>& paras) {
  std::string out;
  for (const std::string& p : paras) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

// "1-8" back from the expanded list, for people to read.
std::string numbers(const std::vector<int>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size();) {
    std::size_t j = i;
    while (j + 1 < list.size() && list[j + 1] == list[j] + 1) ++j;
    if (!out.empty()) out += ",";
    out += std::to_string(list[i]);
    if (j > i) out += "-" + std::to_string(list[j]);
    i = j + 1;
  }
  return out;
}

// "BL §32 stk. 1 nr. 1-8", "SEL §52 stk. 3 (not nr. 7)"
std::string provisionText(const Provision& p) {
  std::string out = p.law + " \xc2\xa7" + std::to_string(p.paragraph);
  if (p.stk != 0) out += " stk. " + std::to_string(p.stk);
  if (!p.numbers.empty()) out += " nr. " + numbers(p.numbers);
  if (!p.except.empty()) out += " (not nr. " + numbers(p.except) + ")";
  return out;
}

std::string crosswalkText(const CrosswalkRow& row) {
  std::string out;
  for (const Provision& p : row.provisions) out += (out.empty() ? "" : " = ") + provisionText(p);
  return out;
}

std::string officialText(const Code& code) {
  std::string out;
  for (const std::string& o : code.official) out += (out.empty() ? "" : " ") + o;
  return out;
}

void label(pugi::xml_node parent, const char* element, const char* lang, const std::string& s) {
  pugi::xml_node n = parent.append_child(element);
  n.append_attribute("lang") = lang;
  n.text() = s.c_str();
}

const char* typeName(ColumnType type) {
  switch (type) {
    case ColumnType::Pseudonym:
      return "pseudonym";
    case ColumnType::YearMonth:
      return "year_month";
    case ColumnType::Date:
      return "date";
    case ColumnType::Int:
      return "int";
    case ColumnType::Code:
      return "code";
    case ColumnType::Text:
      break;
  }
  return "text";
}

// An entry made from the spec alone, for a dataset schemas/codebook.xml does not describe.
pugi::xml_node entryFromSpec(pugi::xml_node parent, const DatasetSpec& spec) {
  pugi::xml_node d = parent.append_child("dataset");
  d.append_attribute("name") = spec.name().c_str();
  d.append_attribute("version") = spec.version();
  d.append_attribute("namespace") = spec.xmlNamespace().c_str();
  d.append_attribute("schema") = spec.schemaFile().c_str();
  label(d, "label", "en", spec.name());
  label(d, "description", "en", "dataset " + spec.name() + " (no codebook entry)");
  for (const OutputColumn& c : spec.outputs()) {
    pugi::xml_node col = d.append_child("column");
    col.append_attribute("name") = c.name.c_str();
    col.append_attribute("type") = typeName(c.type);
    col.append_attribute("required") = c.required;
    if (!c.codeList.empty()) col.append_attribute("codelist") = c.codeList.c_str();
    label(col, "label", "en", c.name);
    label(col, "description", "en", c.description);
  }
  return d;
}

// The datasets' entries of schemas/codebook.xml (or made from the spec), in the order asked.
std::vector<pugi::xml_node> datasetNodes(pugi::xml_document& source,
                                         const std::vector<const DatasetSpec*>& datasets) {
  std::vector<pugi::xml_node> out;
  for (const DatasetSpec* spec : datasets) {
    pugi::xml_node node =
        source.child("codebook").find_child_by_attribute("dataset", "name", spec->name().c_str());
    out.push_back(node ? node : entryFromSpec(source.child("codebook"), *spec));
  }
  return out;
}

std::string makeXml(const std::vector<pugi::xml_node>& datasets) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("codebook");
  root.append_attribute("xmlns") = kNamespace;
  root.append_attribute("version") = "1";
  for (pugi::xml_node d : datasets) root.append_copy(d);
  for (const CodeList& list : allCodeLists()) {
    pugi::xml_node l = root.append_child("codelist");
    l.append_attribute("name") = list.name.c_str();
    for (const Code& code : list.codes) {
      pugi::xml_node c = l.append_child("code");
      c.append_attribute("value") = code.value.c_str();
      if (!code.official.empty()) c.append_attribute("official") = officialText(code).c_str();
      label(c, "label", "da", code.da);
      label(c, "label", "en", code.en);
    }
  }
  pugi::xml_node walk = root.append_child("crosswalk");
  for (const CrosswalkRow& row : crosswalk()) {
    pugi::xml_node r = walk.append_child("row");
    r.append_attribute("kind") = row.kind.c_str();
    label(r, "label", "da", row.da);
    for (const Provision& p : row.provisions) {
      pugi::xml_node b = r.append_child("basis");
      b.append_attribute("law") = p.law.c_str();
      b.append_attribute("paragraph") = p.paragraph;
      if (p.stk != 0) b.append_attribute("stk") = p.stk;
      if (!p.numbers.empty()) b.append_attribute("nr") = numbers(p.numbers).c_str();
      if (!p.except.empty()) b.append_attribute("except") = numbers(p.except).c_str();
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

// Rows of the CSV codebook: section, dataset, name, type, required, codelist, code, official,
// label_da, label_en, description_da, description_en.
class CsvOut {
 public:
  CsvOut() {
    row({"section", "dataset", "name", "type", "required", "codelist", "code", "official",
         "label_da", "label_en", "description_da", "description_en"});
  }
  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_ += ',';
      std::string buffer(csvFieldMaxSize(fields[i].size()), '\0');
      std::size_t n = encodeCsvField(fields[i], ',', buffer.data());
      if (n == kInvalidUtf8) throw Error("codebook: a label is not UTF-8");
      out_.append(buffer.data(), n);
    }
    out_ += "\r\n";
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string makeCsv(const std::vector<pugi::xml_node>& datasets) {
  CsvOut csv;
  for (pugi::xml_node d : datasets) {
    const std::string name = d.attribute("name").value();
    csv.row({"dataset", name, name, "", "", "", "", "", text(d, "label", "da"),
             text(d, "label", "en"), joined(paragraphs(d, "description", "da")),
             joined(paragraphs(d, "description", "en"))});
    for (pugi::xml_node c : d.children("column"))
      csv.row({"column", name, c.attribute("name").value(), c.attribute("type").value(),
               c.attribute("required").value(), c.attribute("codelist").value(), "", "",
               text(c, "label", "da"), text(c, "label", "en"), text(c, "description", "da"),
               text(c, "description", "en")});
  }
  for (const CodeList& list : allCodeLists())
    for (const Code& code : list.codes)
      csv.row({"code", "", "", "", "", list.name, code.value, officialText(code), code.da, code.en,
               "", ""});
  for (const CrosswalkRow& row : crosswalk())
    csv.row({"crosswalk", "", crosswalkText(row), "", "", "", row.kind, "", row.da, "", "", ""});
  return csv.take();
}

// HTML 4 (so that xmllint --html and every browser read it), text escaped by pugixml.
class HtmlOut {
 public:
  HtmlOut() {
    html_ = doc_.append_child("html");
    pugi::xml_node head = html_.append_child("head");
    pugi::xml_node meta = head.append_child("meta");
    meta.append_attribute("http-equiv") = "Content-Type";
    meta.append_attribute("content") = "text/html; charset=utf-8";
    head.append_child("title").text() = "brobyg codebook";
    body_ = html_.append_child("body");
    body_.append_child("h1").text() = "brobyg codebook / kodebog";
  }
  void heading(const std::string& title, const std::vector<std::string>& paras) {
    body_.append_child("h2").text() = title.c_str();
    for (const std::string& para : paras) body_.append_child("p").text() = para.c_str();
  }
  void table(const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows) {
    pugi::xml_node t = body_.append_child("table");
    t.append_attribute("border") = "1";
    pugi::xml_node tr = t.append_child("tr");
    for (const std::string& h : header) tr.append_child("th").text() = h.c_str();
    for (const auto& row : rows) {
      tr = t.append_child("tr");
      for (const std::string& cell : row) tr.append_child("td").text() = cell.c_str();
    }
  }
  std::string take() {
    std::ostringstream out;
    out << "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" "
           "\"http://www.w3.org/TR/html4/strict.dtd\">\n";
    doc_.save(out, "  ", pugi::format_default | pugi::format_no_declaration, pugi::encoding_utf8);
    return out.str();
  }

 private:
  pugi::xml_document doc_;
  pugi::xml_node html_, body_;
};

std::string makeHtml(const std::vector<pugi::xml_node>& datasets) {
  HtmlOut html;
  for (pugi::xml_node d : datasets) {
    html.heading(std::string(d.attribute("name").value()) + ": " + text(d, "label", "da") + " / " +
                     text(d, "label", "en"),
                 paragraphs(d, "description", "en"));
    std::vector<std::vector<std::string>> rows;
    for (pugi::xml_node c : d.children("column"))
      rows.push_back({c.attribute("name").value(), c.attribute("type").value(),
                      c.attribute("required").value(), c.attribute("codelist").value(),
                      text(c, "label", "da"), text(c, "description", "en")});
    html.table({"column", "type", "required", "code list", "label (da)", "description (en)"}, rows);
  }
  for (const CodeList& list : allCodeLists()) {
    std::vector<std::vector<std::string>> rows;
    for (const Code& code : list.codes)
      rows.push_back({code.value, officialText(code), code.da, code.en});
    html.heading("code list " + list.name, {});
    html.table({"code", "official code", "label (da)", "label (en)"}, rows);
  }
  std::vector<std::vector<std::string>> rows;
  for (const CrosswalkRow& row : crosswalk())
    rows.push_back({provisionText(row.provisions.at(0)), provisionText(row.provisions.at(1)),
                    row.kind, row.da});
  html.heading("Barnets Lov / Serviceloven crosswalk",
               {"Barnets Lov replaced Serviceloven's child parts on 1 January 2024; running cases "
                "keep their old basis until a new decision, so both appear in one extract."});
  html.table({"Barnets Lov", "Serviceloven (before 2024)", "kind", "label (da)"}, rows);
  return html.take();
}

}  // namespace

std::vector<CodebookFile> makeCodebook(const std::vector<const DatasetSpec*>& datasets) {
  pugi::xml_document source;
  std::string_view embedded = embeddedCodebookXml();
  if (!source.load_buffer(embedded.data(), embedded.size()))
    throw Error("embedded schemas/codebook.xml does not parse");
  const std::vector<pugi::xml_node> nodes = datasetNodes(source, datasets);
  return {{"codebook.xml", makeXml(nodes)},
          {"codebook.csv", makeCsv(nodes)},
          {"codebook.html", makeHtml(nodes)}};
}

std::vector<CodebookFile> makeCodebookFor(const std::vector<std::string>& datasetNames) {
  std::vector<const DatasetSpec*> specs;
  for (const std::string& name : datasetNames) {
    const DatasetSpec* spec = findDataset(name);
    if (spec == nullptr) throw Error("codebook: no dataset " + name);
    bool seen = false;
    for (const DatasetSpec* s : specs) seen = seen || s == spec;
    if (!seen) specs.push_back(spec);
  }
  return makeCodebook(specs);
}

}  // namespace brobyg::dataset
