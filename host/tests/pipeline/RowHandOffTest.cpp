// The hand-off between the extract thread and the derive thread (stages/RowHandOff): every row
// and reject arrives once, in order, with its bytes; a failure of the consumer reaches the
// caller; a pull that fails leaves no thread behind.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/stages/RowHandOff.h"
#include "util/Error.h"

using namespace brobyg;
using pipeline::RowConsumer;
using pipeline::RowHandOff;

namespace {

// Writes down what it is given, as one text per row, and on which thread.
class Recorder : public RowConsumer {
 public:
  void row(const brobyg_str* values, std::size_t count, const char* origin) override {
    std::string line = std::string("row ") + origin + ":";
    for (std::size_t i = 0; i < count; ++i)
      line += "[" + std::string(values[i].data, values[i].size) + "]";
    seen.push_back(line);
    thread = std::this_thread::get_id();
    if (++rows == failAt) {
      seenAtFailure = seen.size();
      throw Error("consumer failed at row " + std::to_string(failAt));
    }
  }
  void reject(const char* origin, const char* reason, std::string_view raw) override {
    seen.push_back(std::string("reject ") + origin + ":" + reason + ":" + std::string(raw));
  }
  std::vector<std::string> seen;
  std::thread::id thread;
  std::size_t rows = 0;
  std::size_t failAt = 0;  // the row (counting from 1) whose consumption fails; 0: none
  std::size_t seenAtFailure = 0;
};

// Rows of varied shape: empty values, a row without values, values up to 60 KiB (so that
// batches end by bytes as well as by rows), and rejects between them.
template <typename Sink>
void sendRows(Sink& sink, std::size_t rows) {
  std::vector<std::string> texts;
  std::vector<brobyg_str> values;
  for (std::size_t n = 0; n < rows; ++n) {
    const std::string origin = "export.csv:" + std::to_string(n + 2);
    if (n % 97 == 5) {
      sink.reject(origin.c_str(), "unterminated quote", "\"a;b" + std::to_string(n));
      continue;
    }
    texts.clear();
    const std::size_t count = n % 11;
    for (std::size_t i = 0; i < count; ++i)
      texts.push_back(i == 3 ? std::string()
                             : std::string((n * 31 + i) % (n % 500 == 0 ? 61440 : 40),
                                           static_cast<char>('a' + i)));
    values.clear();
    for (const std::string& t : texts) values.push_back({t.data(), t.size()});
    sink.row(values.data(), values.size(), origin.c_str());
  }
}

TEST(RowHandOff, HandsOnEveryRowInOrderOnAnotherThread) {
  Recorder direct, handed;
  sendRows(direct, 30000);
  {
    RowHandOff handOff(handed);
    sendRows(handOff, 30000);
    handOff.finish();
  }
  ASSERT_EQ(handed.seen.size(), direct.seen.size());
  for (std::size_t i = 0; i < direct.seen.size(); ++i)
    ASSERT_EQ(handed.seen[i], direct.seen[i]) << i;
  EXPECT_NE(handed.thread, std::this_thread::get_id());
}

TEST(RowHandOff, FinishWithoutRowsIsFine) {
  Recorder handed;
  RowHandOff handOff(handed);
  EXPECT_NO_THROW(handOff.finish());
  EXPECT_TRUE(handed.seen.empty());
}

TEST(RowHandOff, AFailureOfTheConsumerReachesTheCaller) {
  Recorder handed;
  handed.failAt = 12345;
  RowHandOff handOff(handed);
  try {
    sendRows(handOff, 100000);
    handOff.finish();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "consumer failed at row 12345");
  }
  EXPECT_EQ(handed.rows, 12345u) << "nothing after the failure is handed on";
  EXPECT_EQ(handed.seen.size(), handed.seenAtFailure);
}

TEST(RowHandOff, AFailedPullLeavesNoThreadBehind) {
  Recorder handed;
  {
    RowHandOff handOff(handed);
    sendRows(handOff, 50000);
    // The pull fails here: no finish(); the destructor stops the worker.
  }
  EXPECT_LE(handed.seen.size(), 50000u);
}

// Counts rows, and holds its thread at the first (saying so) until `open` is ready.
class Gate : public RowConsumer {
 public:
  explicit Gate(std::shared_future<void> open) : open_(std::move(open)) {}
  void row(const brobyg_str*, std::size_t, const char*) override {
    if (rows++ > 0) return;
    entered.set_value();
    open_.wait();
  }
  std::promise<void> entered;
  void reject(const char*, const char*, std::string_view) override {}
  std::size_t rows = 0;

 private:
  std::shared_future<void> open_;
};

TEST(RowHandOff, AFailedPullDropsWhatWasStillQueued) {
  std::promise<void> open;
  Gate gate(open.get_future().share());
  const brobyg_str value{"x", 1};
  std::future<void> entered = gate.entered.get_future();
  std::thread opener;
  {
    RowHandOff handOff(gate);
    // Two full batches of 4096 rows go to the worker, which holds at the first row; the
    // rest stays with the caller.
    for (int n = 0; n < 10000; ++n) handOff.row(&value, 1, "export.csv:2");
    entered.wait();
    opener = std::thread([&open] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      open.set_value();
    });
    // The pull fails here: the destructor lets the worker end its batch and drops the other.
  }
  opener.join();
  EXPECT_EQ(gate.rows, 4096u);
}

}  // namespace
