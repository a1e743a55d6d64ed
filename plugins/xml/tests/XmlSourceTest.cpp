// The plugin end to end through its C descriptor: documents, refusals, cursor, stop.
#include "TestSupport.h"

#include <gtest/gtest.h>

namespace brobyg::xml {
namespace {

namespace fs = std::filesystem;
using testing::CapturingSink;
using testing::SettingsMap;

const std::string kNs = "urn:example:sagssystem:haendelser:1";

SettingsMap settingsFor(const fs::path& dir, SettingsMap more = {}) {
  SettingsMap settings = {{"directory", dir.string()},
                          {"namespace.h", kNs},
                          {"record", "/h:log/h:barn/h:haendelse"},
                          {"path.person", "../h:cpr"},
                          {"path.date", "@dato"},
                          {"path.kind", "@type"},
                          {"constant.municipality", "0101"},
                          {"value.kind.U", "notification"},
                          {"min_file_age", "0s"}};  // the files are written by the test
  for (const auto& [k, v] : more) settings[k] = v;
  return settings;
}

std::string logOf(const std::string& events, const std::string& cpr = "0101121234") {
  return "<?xml version=\"1.0\"?>\n<log xmlns=\"" + kNs + "\">\n<barn><cpr>" + cpr + "</cpr>\n" +
         events + "</barn>\n</log>\n";
}

std::string event(const std::string& date) {
  return "<haendelse type=\"U\" dato=\"" + date + "\"/>\n";
}

struct EventSource {
  explicit EventSource(const SettingsMap& settings)
      : plugin(settings, brobyg::testing::datasets::caseEvent()) {}
  testing::CallResult pull(const std::optional<std::string>& cursor, CapturingSink& sink) {
    return plugin.instance.pull(cursor, sink);
  }
  test::Plugin plugin;
};

TEST(XmlSource, ReadsEachDocumentOnceAndAChangedOneAgain) {
  const auto dir = test::freshDirectory("once");
  test::writeFile(dir / "b.xml", logOf(event("2024-01-02")));
  test::writeFile(dir / "a.xml", logOf(event("2024-01-01") + event("2024-01-03")));
  test::writeFile(dir / "notes.txt", "not an export");
  EventSource run(settingsFor(dir));
  ASSERT_TRUE(run.plugin.instance.created().ok()) << run.plugin.instance.created().error;
  CapturingSink first;
  ASSERT_TRUE(run.pull(std::nullopt, first).ok());
  ASSERT_EQ(first.rows().size(), 3u);
  EXPECT_EQ(first.rows()[0].origin, "a.xml:4");
  EXPECT_EQ(first.rows()[1].origin, "a.xml:5");
  EXPECT_EQ(first.rows()[2].origin, "b.xml:4");
  EXPECT_EQ(first.rows()[0].values,
            (std::vector<std::string>{"0101121234", "0101", "notification", "2024-01-01"}));
  ASSERT_EQ(first.cursors().size(), 2u);
  EXPECT_EQ(first.lastCursor()->rfind("brobyg-xml-cursor 1\n", 0), 0u);

  CapturingSink second;
  ASSERT_TRUE(run.pull(first.lastCursor(), second).ok());
  EXPECT_TRUE(second.rows().empty());
  EXPECT_TRUE(second.cursors().empty());

  // Rewritten with one more event (it grew): read whole again; the host drops what it had.
  test::writeFile(dir / "b.xml", logOf(event("2024-01-02") + event("2024-01-04")));
  CapturingSink third;
  ASSERT_TRUE(run.pull(first.lastCursor(), third).ok());
  ASSERT_EQ(third.rows().size(), 2u);
  EXPECT_EQ(third.rows()[1].values[3], "2024-01-04");
  CapturingSink fourth;
  ASSERT_TRUE(run.pull(third.lastCursor(), fourth).ok());
  EXPECT_TRUE(fourth.rows().empty());
}

// An absolute path is evaluated once per document: each document gets its own value, and
// one that selects two nodes rejects every record of that document.
TEST(XmlSource, AbsolutePathsTakeEachDocumentsOwnValue) {
  const auto dir = test::freshDirectory("absolute");
  const auto withCode = [](const std::string& codes) {
    std::string doc = logOf(event("2024-01-01") + event("2024-01-02"));
    return doc.insert(doc.find("<barn>"), codes);
  };
  test::writeFile(dir / "a.xml", withCode("<kommune>0101</kommune>"));
  test::writeFile(dir / "b.xml", withCode("<kommune>0461</kommune>"));
  test::writeFile(dir / "c.xml", withCode("<kommune>0101</kommune><kommune>0461</kommune>"));
  SettingsMap settings = settingsFor(dir, {{"path.municipality", "/h:log/h:kommune"}});
  settings.erase("constant.municipality");
  EventSource run(settings);
  CapturingSink sink;
  ASSERT_TRUE(run.pull(std::nullopt, sink).ok());
  ASSERT_EQ(sink.rows().size(), 4u);
  EXPECT_EQ(sink.rows()[1].values[1], "0101");
  EXPECT_EQ(sink.rows()[2].values[1], "0461");
  EXPECT_EQ(sink.rejectsText(),
            "c.xml:4\tfield 'municipality': the path selects more than one node\n"
            "c.xml:5\tfield 'municipality': the path selects more than one node\n");
}

TEST(XmlSource, ABadRecordIsQuarantinedAndTheOthersGoOn) {
  const auto dir = test::freshDirectory("bad");
  test::writeFile(dir / "a.xml",
                  logOf(event("2024-01-01") + event("2024-13-01") +
                        "<haendelse type=\"X\" dato=\"2024-01-05\"/>\n" + event("2024-01-06")));
  EventSource run(settingsFor(dir));
  CapturingSink sink;
  ASSERT_TRUE(run.pull(std::nullopt, sink).ok());
  ASSERT_EQ(sink.rows().size(), 2u);
  EXPECT_EQ(sink.rejectsText(),
            "a.xml:5\tfield 'date': date does not match yyyy-mm-dd\n"
            "a.xml:6\tfield 'kind': value not in value map\n");
  // The raw record for the quarantine; the reason never carries a value.
  EXPECT_NE(sink.rejects()[0].raw.find("2024-13-01"), std::string::npos);
  EXPECT_EQ(sink.cursors().size(), 1u);
}

TEST(XmlSource, MalformedDocumentFailsNamingFileAndLineAndIsNotRecorded) {
  const auto dir = test::freshDirectory("malformed");
  test::writeFile(dir / "a.xml", logOf(event("2024-01-01")));
  test::writeFile(dir / "b.xml", "<?xml version=\"1.0\"?>\n<log>\n<barn>\n</log>\n");
  EventSource run(settingsFor(dir));
  CapturingSink sink;
  const auto result = run.pull(std::nullopt, sink);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("file 'b.xml' is not well-formed XML: "), std::string::npos)
      << result.error;
  EXPECT_NE(result.error.find("(line 4)"), std::string::npos) << result.error;
  ASSERT_EQ(sink.cursors().size(), 1u);  // a.xml only
  EXPECT_EQ(sink.lastCursor()->find("b.xml"), std::string::npos);

  test::writeFile(dir / "b.xml", logOf(event("2024-02-01")));  // fixed
  CapturingSink again;
  ASSERT_TRUE(run.pull(sink.lastCursor(), again).ok());
  ASSERT_EQ(again.rows().size(), 1u);
  EXPECT_EQ(again.rows()[0].origin, "b.xml:4");
}

TEST(XmlSource, OversizedFileFailsNamingFileAndLimit) {
  const auto dir = test::freshDirectory("oversized");
  std::string events;
  while (events.size() < 2048) events += event("2024-01-01");
  test::writeFile(dir / "big.xml", logOf(events));
  EventSource run(settingsFor(dir, {{"max_file_bytes", "1024"}}));
  CapturingSink sink;
  const auto result = run.pull(std::nullopt, sink);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("file 'big.xml' is larger than max_file_bytes (1024 bytes)"),
            std::string::npos)
      << result.error;
  EXPECT_TRUE(sink.rows().empty());
  EXPECT_TRUE(sink.cursors().empty());

  EventSource roomy(settingsFor(dir, {{"max_file_bytes", "1048576"}}));
  CapturingSink read;
  ASSERT_TRUE(roomy.pull(std::nullopt, read).ok());
  EXPECT_GT(read.rows().size(), 40u);
}

// The entity definitions are never expanded: the document is refused before parsing.
TEST(XmlSource, DoctypeWithEntitiesIsRefused) {
  const std::string billionLaughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
      " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
      "<log xmlns=\"" +
      kNs + "\"><barn><cpr>&lol3;</cpr>" + event("2024-01-01") + "</barn></log>\n";
  const std::string external =
      "<?xml version=\"1.0\"?>\n<!-- an export -->\n<!DOCTYPE log [\n"
      " <!ENTITY cpr SYSTEM \"file:///etc/passwd\">\n]>\n"
      "<log xmlns=\"" +
      kNs + "\"><barn><cpr>&cpr;</cpr>" + event("2024-01-01") + "</barn></log>\n";
  for (const std::string& document : {billionLaughs, external}) {
    const auto dir = test::freshDirectory("doctype");
    test::writeFile(dir / "evil.xml", document);
    EventSource run(settingsFor(dir));
    CapturingSink sink;
    const auto result = run.pull(std::nullopt, sink);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error.find("file 'evil.xml' has a document type declaration"),
              std::string::npos)
        << result.error;
    EXPECT_TRUE(sink.rows().empty());
    EXPECT_TRUE(sink.rejects().empty());
    EXPECT_TRUE(sink.cursors().empty());
  }
}

// pugixml converts UTF-16 to UTF-8; its offsets then point past the file's bytes for
// text that grew in the conversion: counting lines up to the second record must not run past
// the end of the file's bytes.
TEST(XmlSource, ReadsAUtf16Document) {
  const auto dir = test::freshDirectory("utf16");
  const std::string text = logOf(event("2024-01-01") + event("2024-01-02"));
  std::string utf16 = "\xFF\xFE";
  for (char c : text) utf16 += std::string{c, '\0'};
  // A comment of CJK text before the record: three UTF-8 bytes for every two UTF-16 bytes.
  std::string cjk;
  for (int i = 0; i < 1000; ++i) cjk += "\x2D\x4E";  // U+4E2D
  using namespace std::string_literals;
  utf16.insert(2 + 2 * text.find("<barn>"), "<\0!\0-\0-\0"s + cjk + "-\0-\0>\0"s);
  test::writeFile(dir / "a.xml", utf16);
  EventSource run(settingsFor(dir));
  CapturingSink sink;
  const auto result = run.pull(std::nullopt, sink);
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(sink.rows().size(), 2u);
  EXPECT_EQ(sink.rows()[1].values[3], "2024-01-02");
}

TEST(XmlSource, StopsWhenTheSinkSaysSoAndReadsTheFileAgain) {
  const auto dir = test::freshDirectory("stop");
  test::writeFile(dir / "a.xml", logOf(event("2024-01-01") + event("2024-01-02")));
  EventSource run(settingsFor(dir));
  CapturingSink sink;
  sink.stopAfter(1);
  ASSERT_TRUE(run.pull(std::nullopt, sink).ok());
  EXPECT_EQ(sink.rows().size(), 1u);
  EXPECT_TRUE(sink.cursors().empty());
  CapturingSink again;
  ASSERT_TRUE(run.pull(std::nullopt, again).ok());
  EXPECT_EQ(again.rows().size(), 2u);
}

TEST(XmlSource, CreateRefusesBadSettingsNamingThem) {
  const auto dir = test::freshDirectory("settings");
  const auto errorOf = [&](SettingsMap more) {
    EventSource run(settingsFor(dir, std::move(more)));
    return run.plugin.instance.created().error;
  };
  EXPECT_NE(errorOf({{"record", "/h:log/["}}).find("setting record: not an XPath 1.0 expression"),
            std::string::npos);
  EXPECT_NE(errorOf({{"record", "count(//h:barn)"}}).find("setting record: must select elements"),
            std::string::npos);
  EXPECT_NE(errorOf({{"path.date", "@x:dato"}})
                .find("setting path.date: prefix 'x' is not declared (setting namespace.x)"),
            std::string::npos);
  EXPECT_NE(errorOf({{"namespace.k", kNs}}).find("one prefix per namespace URI"),
            std::string::npos);
  EXPECT_NE(errorOf({{"path.kind", "../h:cpr"}}).find("name the same source path"),
            std::string::npos);
  EXPECT_NE(errorOf({{"path.grade", "g"}}).find("'grade' is not a field of dataset case_event"),
            std::string::npos);
}

}  // namespace
}  // namespace brobyg::xml
