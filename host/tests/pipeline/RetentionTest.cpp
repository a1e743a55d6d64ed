#include <gtest/gtest.h>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "TestKeys.h"
#include "pipeline/Retention.h"
#include "pipeline/StateLayout.h"
#include "state/RegisterSigner.h"

namespace fs = std::filesystem;
using namespace brobyg;
using namespace Poco::Data::Keywords;

TEST(Retention, RemovesOldQuarantinesAndDeliveredPackagesOnly) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-retention-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  config::Config config;
  config.service.stateDirectory = dir.string();
  fs::create_directories(dir / "quarantine");
  fs::create_directories(dir / "outbox");
  auto touch = [](const fs::path& file, std::chrono::hours age) {
    std::ofstream(file) << "x";
    fs::last_write_time(file, fs::file_time_type::clock::now() - age);
  };
  touch(dir / "quarantine/job-1.csv", std::chrono::hours(24 * 100));           // old: goes
  touch(dir / "quarantine/job-2.csv", std::chrono::hours(24 * 10));            // recent: stays
  touch(dir / "quarantine/.job-3.csv.partial", std::chrono::hours(24 * 100));  // running: stays

  {
    state::StateStore store(pipeline::StateLayout(config).database().string());
    for (const char* id : {"old", "recent", "pending"}) {
      state::OutboxEntry e;
      e.packageId = id;
      e.job = "job";
      e.destination = "drop";
      e.file = (dir / "outbox" / (std::string(id) + ".cms")).string();
      e.fileName = id;
      e.sha256 = std::string(64, 'a');
      std::ofstream(e.file) << "package";
      store.commitRun(store.beginRun("job"), state::RunSummary{}, {}, e);
    }
    test::writeTestKeys(dir / "keys", '1');
    const state::RegisterSigner signer((dir / "keys/municipality.crt").string(),
                                       (dir / "keys/municipality.key").string());
    store.markDelivered("old", "r", signer);
    store.markDelivered("recent", "r", signer);
    {
      Poco::Data::SQLite::Connector::registerConnector();
      Poco::Data::Session session("SQLite", pipeline::StateLayout(config).database().string());
      session << "UPDATE outbox SET delivered_at = '2020-01-01T00:00:00Z' WHERE package_id = 'old'",
          now;
    }

    auto report = pipeline::applyRetention(config, store, state::nowSeconds());
    EXPECT_EQ(report.quarantineFiles, 1);
    EXPECT_EQ(report.packageFiles, 1);
    EXPECT_FALSE(fs::exists(dir / "quarantine/job-1.csv"));
    EXPECT_TRUE(fs::exists(dir / "quarantine/job-2.csv"));
    EXPECT_TRUE(fs::exists(dir / "quarantine/.job-3.csv.partial"));
    EXPECT_FALSE(fs::exists(dir / "outbox/old.cms"));
    EXPECT_TRUE(fs::exists(dir / "outbox/recent.cms"));
    EXPECT_TRUE(fs::exists(dir / "outbox/pending.cms")) << "never an undelivered package";
    EXPECT_TRUE(store.outboxEntry("old").has_value()) << "the record and receipt stay";
    EXPECT_EQ(store.disclosures().size(), 2u);

    config.service.quarantineRetentionSeconds = 0;  // keep
    touch(dir / "quarantine/job-4.csv", std::chrono::hours(24 * 1000));
    EXPECT_EQ(pipeline::applyRetention(config, store, state::nowSeconds()).quarantineFiles, 0);
  }
  // With the store gone nothing holds the database open: Windows refuses to remove an open file.
  std::error_code ec;
  fs::remove(pipeline::StateLayout(config).database(), ec);
  EXPECT_FALSE(ec) << "the database is still open: " << ec.message();
  fs::remove_all(dir);
}
