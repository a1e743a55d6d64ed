#include "QueryText.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace brobyg::sql {
namespace {

const std::vector<std::string> kKnown{"watermark", "key"};

TEST(QueryText, NamedParametersBecomeTheConnectorsPlaceholdersInOrder) {
  const std::string q =
      "SELECT a FROM t WHERE ts > :watermark OR (ts = :watermark AND id > :key) ORDER BY ts, id";
  const auto question = prepareQuery(q, Placeholders::Question, kKnown);
  EXPECT_EQ(question.text, "SELECT a FROM t WHERE ts > ? OR (ts = ? AND id > ?) ORDER BY ts, id");
  EXPECT_EQ(question.params, (std::vector<std::string>{"watermark", "watermark", "key"}));
  EXPECT_TRUE(question.hasOrderBy);
  const auto dollar = prepareQuery(q, Placeholders::Dollar, kKnown);
  EXPECT_EQ(dollar.text, "SELECT a FROM t WHERE ts > $1 OR (ts = $2 AND id > $3) ORDER BY ts, id");
}

TEST(QueryText, LiteralsCommentsAndCastsAreNotParameters) {
  const std::string q =
      "SELECT ':key', \"a:key\", x::text /* :key */ FROM t -- :watermark\n"
      "WHERE (ts, id) > (:watermark, :key) AND s <> 'it''s :key' order  by ts, id";
  const auto prepared = prepareQuery(q, Placeholders::Dollar, kKnown);
  EXPECT_EQ(prepared.params, (std::vector<std::string>{"watermark", "key"}));
  EXPECT_EQ(prepared.text,
            "SELECT ':key', \"a:key\", x::text /* :key */ FROM t -- :watermark\n"
            "WHERE (ts, id) > ($1, $2) AND s <> 'it''s :key' order  by ts, id");
  EXPECT_TRUE(prepared.hasOrderBy);
}

TEST(QueryText, OrderByInsideALiteralOrCommentDoesNotCount) {
  EXPECT_FALSE(prepareQuery("SELECT 'ORDER BY' FROM t WHERE id > :key -- ORDER BY id",
                            Placeholders::Question, kKnown)
                   .hasOrderBy);
}

TEST(QueryText, UnknownParametersPositionalPlaceholdersAndOpenLiteralsAreRefused) {
  for (const char* bad :
       {"SELECT 1 WHERE a = :other", "SELECT 1 WHERE a = ?", "SELECT 1 WHERE a = $1",
        "SELECT 'open", "SELECT \"open", "SELECT 1 /* open"}) {
    EXPECT_THROW(prepareQuery(bad, Placeholders::Question, kKnown), std::invalid_argument) << bad;
  }
}

TEST(QueryText, TheRefusalNamesTheParameterButNotTheQuery) {
  try {
    prepareQuery("SELECT secret_column WHERE a = :other", Placeholders::Question, kKnown);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(":other"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("secret_column"), std::string::npos);
  }
}

}  // namespace
}  // namespace brobyg::sql
