#include "launcher.h"

#include <gtest/gtest.h>

#include <filesystem>

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

std::string LogFile() {
  return (std::filesystem::temp_directory_path() / "jwtconf_launcher_test.log")
      .string();
}

TEST(LaunchedProcess, TargetThatExitsIsReportedWithItsLog) {
  try {
    LaunchedProcess process("exit 3", FreeLoopbackPort(), LogFile(),
                            std::chrono::milliseconds(5000));
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("exited before listening"),
              std::string::npos);
  }
}

TEST(LaunchedProcess, TargetThatNeverListensTimesOutAndIsStopped) {
  try {
    LaunchedProcess process("sleep 30", FreeLoopbackPort(), LogFile(),
                            std::chrono::milliseconds(200));
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("did not listen"), std::string::npos);
  }
}

}  // namespace
}  // namespace jwtconf::harness
