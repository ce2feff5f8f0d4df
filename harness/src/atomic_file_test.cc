#include "atomic_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace jwtconf::harness {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public testing::Test {
 protected:
  void SetUp() override {
    folder_ =
        fs::temp_directory_path() /
        ("jwtconf_atomic_" +
         std::string(
             testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  static std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::vector<std::string> Entries(const fs::path& folder) const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  fs::path folder_;
};

TEST_F(AtomicFileTest, CreatesParentFoldersAndWritesContent) {
  fs::path target = folder_ / "a" / "b" / "results.json";

  WriteFileAtomically(target, std::string("{\"x\":1}\n\0tail", 13));

  EXPECT_EQ(Read(target), std::string("{\"x\":1}\n\0tail", 13));
  EXPECT_EQ(Entries(target.parent_path()),
            std::vector<std::string>{"results.json"});
}

TEST_F(AtomicFileTest, ReplacesExistingFileAndLeavesNoTemporaryFile) {
  fs::path target = folder_ / "report.md";
  WriteFileAtomically(target, "first version, longer than the second\n");

  WriteFileAtomically(target, "second\n");

  EXPECT_EQ(Read(target), "second\n");
  EXPECT_EQ(Entries(folder_), std::vector<std::string>{"report.md"});
}

TEST_F(AtomicFileTest, WritesEmptyContent) {
  fs::path target = folder_ / "empty.txt";

  WriteFileAtomically(target, "");

  EXPECT_TRUE(fs::exists(target));
  EXPECT_EQ(fs::file_size(target), 0u);
}

TEST_F(AtomicFileTest, FailureNamesThePathAndLeavesNoTemporaryFile) {
  fs::create_directories(folder_ / "taken");
  fs::path target = folder_ / "taken";  // a folder cannot be replaced

  try {
    WriteFileAtomically(target, "x");
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(Entries(folder_), std::vector<std::string>{"taken"});
}

TEST_F(AtomicFileTest, ParentThatIsAFileFailsWithPath) {
  fs::create_directories(folder_);
  std::ofstream(folder_ / "file") << "x";

  EXPECT_THROW(WriteFileAtomically(folder_ / "file" / "out.json", "{}"),
               std::runtime_error);
}

}  // namespace
}  // namespace jwtconf::harness
