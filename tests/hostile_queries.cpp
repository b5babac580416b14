// Writes hostile and fuzzed queries for scripts/reliability.sh, each as
// "KIND<TAB>QUERY" ending in a NUL byte (queries may hold newlines):
//   hostile_queries COUNT SEED
// Half are hostile by design (deep brackets, long NEAR chains and phrases,
// many wildcards, wildcards in NEAR, synonym chains, long boolean chains,
// control characters, bad UTF-8, huge numbers, token soup); half are real
// queries mutated at random (bytes and tokens inserted, deleted, repeated).
// Every query fits in one command-line argument (under 120,000 bytes).
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace {

const std::vector<std::string> kRealQueries = {"joint interviews",
                                               "\"joint interviews\"",
                                               "=interviews",
                                               "assess*",
                                               "CAMHS AND police",
                                               "(CAMHS OR OSCA) AND police",
                                               "+police +CAMHS health",
                                               "joint NEAR/3 interviews",
                                               "joint ADJ/3 interviews",
                                               "assess* NEAR/2 poor",
                                               "grade:inadequate interviews",
                                               "authority:\"blackburn with darwen\"",
                                               "year:2014..2018 framework:sif",
                                               "section:\"leadership and management\" org:constabulary",
                                               "S47",
                                               "looked after children",
                                               "MASH AND (thresholds OR threshold*)",
                                               "management oversight",
                                               "-police CAMHS",
                                               "CiC NEAR/5 placement"};
const std::vector<std::string> kTokens = {
    "AND", "OR", "NOT",    "NEAR/3", "ADJ/1", "(",        ")",          "\"",     "=",     "+",
    "-",   "*",  "grade:", "area:",  "year:", "section:", "authority:", "police", "child", "s*",
    "c*",  "a*", "S47",    "CiC",    "LAC",   "CAMHS",    "..",         ":"};
const std::vector<std::string> kWords = {"child",      "children",   "police",       "health",
                                         "care",       "plan",       "social",       "worker",
                                         "assessment", "protection", "safeguarding", "leaders"};
const std::vector<std::string> kSynonyms = {"CiC", "LAC", "S47", "CAMHS", "IRO", "MASH", "LSCB", "LADO"};

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::pair<std::string, std::string> next() {
    if (pick(2) == 0) return {"fuzzed", mutate(kRealQueries[pick(kRealQueries.size())])};
    switch (pick(12)) {
      case 0:
        return {"nesting", nesting()};
      case 1:
        return {"near-chain", chain(" NEAR/" + std::to_string(pick(5)) + " ", pick(20000) + 2)};
      case 2:
        return {"wildcards", repeated([&] { return prefix() + "*"; }, pick(3000) + 1)};
      case 3:
        return {"near-wildcards", chain_of([&] { return prefix() + "*"; },
                                           " NEAR/" + std::to_string(pick(10)) + " ", pick(6) + 2)};
      case 4:
        return {"phrase", "\"" + repeated([&] { return word(); }, pick(10000) + 1) + "\""};
      case 5:
        return {"synonym-chain",
                chain_of([&] { return kSynonyms[pick(kSynonyms.size())]; }, " NEAR/2 ", pick(60) + 2)};
      case 6:
        return {"boolean-chain", boolean_chain()};
      case 7:
        return {"control", control()};
      case 8:
        return {"bad-utf8", bytes(pick(200) + 1)};
      case 9:
        return {"numbers", numbers()};
      case 10:
        return {"long", repeated([&] { return word(); }, pick(15000) + 1)};
      default:
        return {"soup", repeated([&] { return kTokens[pick(kTokens.size())]; }, pick(400) + 1)};
    }
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  std::string word() { return kWords[pick(kWords.size())]; }
  std::string prefix() {
    std::string p(1, static_cast<char>('a' + pick(26)));
    if (pick(2)) p += static_cast<char>('a' + pick(26));
    return p;
  }

  template <typename Make>
  std::string repeated(Make make, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count && out.size() < 100000; ++i) out += (i ? " " : "") + make();
    return out;
  }

  template <typename Make>
  std::string chain_of(Make make, const std::string& op, std::size_t count) {
    std::string out = make();
    for (std::size_t i = 1; i < count && out.size() < 100000; ++i) out += op + make();
    return out;
  }

  std::string chain(const std::string& op, std::size_t count) {
    return chain_of([&] { return word(); }, op, count);
  }

  std::string nesting() {
    const std::size_t depth = pick(2) ? pick(40) + 1 : pick(20000) + 1;
    const std::string open = pick(3) == 0 ? "+(" : "(";
    std::string out;
    for (std::size_t i = 0; i < depth && out.size() < 50000; ++i) out += open;
    const std::size_t opened = out.size() / open.size();
    out += word();
    const std::size_t closing = pick(4) == 0 ? pick(opened + 1) : opened;  // sometimes unbalanced
    return out + std::string(closing, ')');
  }

  std::string boolean_chain() {
    std::string out = word();
    const std::size_t count = pick(8000) + 1;
    for (std::size_t i = 0; i < count && out.size() < 100000; ++i)
      out += std::string(pick(2) ? " AND " : " NOT ") + word();
    return out;
  }

  std::string control() {
    std::string out = kRealQueries[pick(kRealQueries.size())];
    for (std::size_t i = pick(10) + 1; i > 0; --i)
      out.insert(pick(out.size() + 1), std::string(1, static_cast<char>(1 + pick(31))));  // C0 without NUL
    return out + (pick(2) ? "\x1b[2J\x1b]0;title\x07" : "\xe2\x80\xae");
  }

  std::string bytes(std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += static_cast<char>(1 + pick(255));
    return out;
  }

  std::string numbers() {
    switch (pick(4)) {
      case 0:
        return "joint NEAR/" + std::to_string(pick(1000000000)) + " interviews";
      case 1:
        return "year:" + std::to_string(pick(100000)) + ".." + std::to_string(pick(100000));
      case 2:
        return "joint ADJ/" + std::string(pick(50) + 1, '9') + " interviews";
      default:
        return "year:" + std::string(pick(400) + 1, '2');
    }
  }

  std::string mutate(std::string q) {
    for (std::size_t edits = pick(8) + 1; edits > 0; --edits) {
      const std::size_t at = pick(q.size() + 1);
      switch (pick(5)) {
        case 0:
          q.insert(at, kTokens[pick(kTokens.size())]);
          break;
        case 1:
          q.insert(at, std::string(1, static_cast<char>(1 + pick(255))));
          break;
        case 2:
          if (!q.empty()) q.erase(at == q.size() ? at - 1 : at, pick(4) + 1);
          break;
        case 3:
          q.insert(at, q.substr(pick(q.size() + 1)));
          break;  // repeat a tail
        default:
          q.insert(at, " ");
          break;
      }
      if (q.size() > 100000) q.resize(100000);
    }
    return q;
  }

  std::mt19937 rng_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: hostile_queries COUNT SEED\n";
    return 2;
  }
  Generator generator(static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)));
  for (unsigned long i = std::strtoul(argv[1], nullptr, 10); i > 0; --i) {
    auto [kind, query] = generator.next();
    std::string clean;
    for (char c : query)
      if (c != '\0') clean += c;
    std::cout << kind << '\t' << clean << '\0';
  }
  return 0;
}
