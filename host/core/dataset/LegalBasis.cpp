#include "dataset/LegalBasis.h"

#include <charconv>

#include "dataset/CodeLists.h"

namespace brobyg::dataset {
namespace {

enum class Tok { Bl, Sel, Section, Stk, Nr, Number, Dot, Filler, Bad };

struct Token {
  Tok type;
  int number;
};

constexpr std::size_t kMaxTokens = 24;

bool isLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Compares a word with a lowercase ASCII spelling, ignoring ASCII case.
bool is(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// Words that may stand around a provision without changing it ("jf.", "i", "efter").
bool filler(std::string_view w) {
  return is(w, "i") || is(w, "jf") || is(w, "efter") || is(w, "if") || is(w, "iht") ||
         is(w, "ifølge") || is(w, "ifolge") || is(w, "paragraf") || is(w, "par");
}

// Splits the text into tokens; a law's name of several words becomes one token.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}

  // False when the text has a word or character no provision holds, or too many tokens.
  bool run(Token* out, std::size_t& count) {
    count = 0;
    while (skipSpace()) {
      if (count == kMaxTokens) return false;
      Token t = next();
      if (t.type == Tok::Bad) return false;
      out[count++] = t;
    }
    return true;
  }

 private:
  bool skipSpace() {
    while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\t' || s_[at_] == ',' ||
                               s_[at_] == '(' || s_[at_] == ')' || s_[at_] == ':'))
      ++at_;
    return at_ < s_.size();
  }

  std::string_view word() {
    std::size_t start = at_;
    while (at_ < s_.size() && isLetter(static_cast<unsigned char>(s_[at_])) && !section(at_)) ++at_;
    return s_.substr(start, at_ - start);
  }

  bool section(std::size_t i) const {
    return s_.compare(i, 2, "\xc2\xa7") == 0;  // "§" in UTF-8
  }

  // The words after "lov": "om social service" makes Serviceloven.
  bool lawOmSocialService() {
    std::size_t save = at_;
    skipSpace();
    if (is(word(), "om")) {
      skipSpace();
      if (is(word(), "social")) {
        skipSpace();
        if (is(word(), "service")) return true;
      }
    }
    at_ = save;
    return false;
  }

  Token classify(std::string_view w) {
    if (is(w, "bl") || is(w, "barnetslov") || is(w, "barnetsloven")) return {Tok::Bl, 0};
    if (is(w, "sel") || is(w, "serviceloven") || is(w, "servicelovens") || is(w, "servicelov"))
      return {Tok::Sel, 0};
    if (is(w, "barnets")) {
      skipSpace();
      std::string_view law = word();
      if (is(law, "lov") || is(law, "lovs")) return {Tok::Bl, 0};
      return {Tok::Bad, 0};
    }
    if (is(w, "lov") && lawOmSocialService()) return {Tok::Sel, 0};
    if (is(w, "stk")) return {Tok::Stk, 0};
    if (is(w, "nr")) return {Tok::Nr, 0};
    if (filler(w)) return {Tok::Filler, 0};
    return {Tok::Bad, 0};
  }

  Token number() {
    std::size_t start = at_;
    while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9') ++at_;
    // "52a" is another provision than 52; a number of more than three digits is none.
    if (at_ - start > 3 || (at_ < s_.size() && isLetter(static_cast<unsigned char>(s_[at_]))))
      return {Tok::Bad, 0};
    int value = 0;
    std::from_chars(s_.data() + start, s_.data() + at_, value);
    return {Tok::Number, value};
  }

  Token next() {
    const char c = s_[at_];
    if (section(at_)) {
      at_ += 2;
      return {Tok::Section, 0};
    }
    if (c == '.') {
      ++at_;
      return {Tok::Dot, 0};
    }
    if (c >= '0' && c <= '9') return number();
    if (isLetter(static_cast<unsigned char>(c))) return classify(word());
    return {Tok::Bad, 0};
  }

  std::string_view s_;
  std::size_t at_ = 0;
};

// Reads the provision's numbers from the tokens left once law names and fillers are out:
// "§* N [. N [. N]]" or "§* N [stk [.] N] [nr [.] N]", with an optional final dot.
class Grammar {
 public:
  Grammar(const Token* tokens, std::size_t count) : t_(tokens), n_(count) {}

  bool run(LegalBasisText& out, bool& sawSection) {
    while (peek(Tok::Section)) {
      sawSection = true;
      ++i_;
    }
    if (!take(Tok::Number, out.paragraph)) return false;
    if (peek(Tok::Dot) && i_ + 1 < n_ && t_[i_ + 1].type == Tok::Number) {
      ++i_;
      take(Tok::Number, out.stk);
      if (peek(Tok::Dot) && i_ + 1 < n_ && t_[i_ + 1].type == Tok::Number) {
        ++i_;
        take(Tok::Number, out.nr);
      }
    } else {
      if (!labelled(Tok::Stk, out.stk) || !labelled(Tok::Nr, out.nr)) return false;
    }
    if (peek(Tok::Dot)) ++i_;
    return i_ == n_ && out.paragraph > 0;
  }

 private:
  bool peek(Tok type) const { return i_ < n_ && t_[i_].type == type; }
  bool take(Tok type, int& value) {
    if (!peek(type)) return false;
    value = t_[i_++].number;
    return true;
  }
  // "stk. 3" / "stk 3"; absent is fine, a label without its number is not.
  bool labelled(Tok label, int& value) {
    if (!peek(label)) return true;
    ++i_;
    if (peek(Tok::Dot)) ++i_;
    return take(Tok::Number, value) && value > 0;
  }

  const Token* t_;
  std::size_t n_;
  std::size_t i_ = 0;
};

bool contains(const std::vector<int>& list, int value) {
  for (int v : list)
    if (v == value) return true;
  return false;
}

// Whether the provision can be the text: certainly, or (text without a number) possibly.
bool fits(const Provision& p, const LegalBasisText& t) {
  if (p.paragraph != t.paragraph) return false;
  if (p.stk != 0 && p.stk != t.stk) return false;
  if (t.nr == 0) return true;
  if (!p.numbers.empty() && !contains(p.numbers, t.nr)) return false;
  return !contains(p.except, t.nr);
}

char lawOf(const Provision& p) {
  return p.law == "BL" ? 'B' : 'S';
}

void appendNumber(LegalBasisResult& out, int value) {
  out.code[out.codeSize++] = '-';
  auto [end, ec] =
      std::to_chars(out.code.data() + out.codeSize, out.code.data() + out.code.size(), value);
  (void)ec;
  out.codeSize = static_cast<std::size_t>(end - out.code.data());
}

}  // namespace

bool parseLegalBasis(std::string_view text, LegalBasisText& out) {
  out = {};
  Token tokens[kMaxTokens];
  std::size_t count = 0;
  if (!Scanner(text).run(tokens, count)) return false;
  // Law names and fillers may stand before or after the provision; the rest is its numbers.
  Token rest[kMaxTokens];
  std::size_t restCount = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const Tok type = tokens[i].type;
    if (type == Tok::Bl || type == Tok::Sel) {
      char law = type == Tok::Bl ? 'B' : 'S';
      if (out.law != 0 && out.law != law) return false;
      out.law = law;
    } else if (type == Tok::Filler) {
      if (i + 1 < count && tokens[i + 1].type == Tok::Dot) ++i;  // "jf."
    } else {
      rest[restCount++] = tokens[i];
    }
  }
  bool sawSection = false;
  LegalBasisText numbers;
  if (!Grammar(rest, restCount).run(numbers, sawSection)) return false;
  // A bare "52.3.7" could be anything; a provision shows "§" or names its law.
  if (!sawSection && out.law == 0) return false;
  out.paragraph = numbers.paragraph;
  out.stk = numbers.stk;
  out.nr = numbers.nr;
  return true;
}

bool classifyLegalBasis(std::string_view text, LegalBasisResult& out) {
  out = {};
  LegalBasisText t;
  if (!parseLegalBasis(text, t)) return false;
  std::string_view kind;
  char law = t.law;
  for (const CrosswalkRow& row : crosswalk()) {
    for (const Provision& p : row.provisions) {
      if ((t.law != 0 && lawOf(p) != t.law) || !fits(p, t)) continue;
      if (!kind.empty() && kind != row.kind) return false;  // two kinds fit: never guess
      if (law != 0 && law != lawOf(p)) return false;        // both laws fit an unnamed law
      kind = row.kind;
      law = lawOf(p);
    }
  }
  if (kind.empty()) return false;
  const std::string_view prefix = law == 'B' ? "BL" : "SEL";
  prefix.copy(out.code.data(), prefix.size());
  out.codeSize = prefix.size();
  appendNumber(out, t.paragraph);
  if (t.stk != 0) appendNumber(out, t.stk);
  if (t.stk != 0 && t.nr != 0) appendNumber(out, t.nr);
  out.kind = kind;
  return true;
}

}  // namespace brobyg::dataset
