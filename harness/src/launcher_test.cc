#include "launcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

namespace jwtconf::harness {
namespace {

TEST(ExpandTemplate, FillsKnownPlaceholders) {
  EXPECT_EQ(ExpandTemplate("srv --iss {issuer} --port {port} --port2 {port}",
                           {{"issuer", "http://i"}, {"port", "80"}}),
            "srv --iss http://i --port 80 --port2 80");
}

TEST(ExpandTemplate, UnknownPlaceholderIsAnError) {
  EXPECT_THROW(ExpandTemplate("srv {nope}", {{"port", "1"}}),
               std::invalid_argument);
}

TEST(FreeLoopbackPort, ReturnsAUsablePort) {
  int port = FreeLoopbackPort();
  EXPECT_GT(port, 0);
  EXPECT_LT(port, 65536);
}

// One file per process: ctest runs these tests in parallel processes.
std::string LogFile() {
  return (std::filesystem::temp_directory_path() /
          ("jwtconf_launcher_test." + std::to_string(getpid()) + ".log"))
      .string();
}

TEST(LaunchedProcess, TargetThatExitsIsReportedWithItsLog) {
  try {
    LaunchedProcess process("exit 3", FreeLoopbackPort(), LogFile(),
                            std::chrono::milliseconds(5000));
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("exited with status 3 before "
                                         "listening"),
              std::string::npos);
  }
}

TEST(LaunchedProcess, ExitDescriptionNamesTheSignal) {
  const int port = FreeLoopbackPort();
  // The shell leading the group listens through a child, then kills itself.
  LaunchedProcess process("python3 -m http.server --bind 127.0.0.1 " +
                              std::to_string(port) +
                              " & sleep 1.5; kill -KILL $$",
                          port, LogFile(), std::chrono::milliseconds(5000));
  EXPECT_EQ(process.ExitDescription(), "");
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (process.Running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(process.ExitDescription(), "killed by signal 9");
}

TEST(LaunchedProcess, TargetThatNeverListensTimesOutAndIsStopped) {
  try {
    LaunchedProcess process("sleep 30", FreeLoopbackPort(), LogFile(),
                            std::chrono::milliseconds(200));
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("never listened"), std::string::npos);
  }
}

}  // namespace
}  // namespace jwtconf::harness
