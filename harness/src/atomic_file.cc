#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace jwtconf::harness {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void Fail(const fs::path& path, const std::string& action,
                       int error) {
  throw std::runtime_error(path.string() + ": " + action + ": " +
                           std::strerror(error));
}

// A temporary file next to the target, removed unless committed.
class TempFile {
 public:
  explicit TempFile(const fs::path& target) : target_(target) {
    std::string name = (target.parent_path() /
                        ("." + target.filename().string() + ".tmp-XXXXXX"))
                           .string();
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0) Fail(target_, "cannot create temporary file", errno);
    path_ = name;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
  }

  void Write(std::string_view content) {
    while (!content.empty()) {
      ssize_t written = ::write(fd_, content.data(), content.size());
      if (written < 0 && errno == EINTR) continue;
      if (written < 0) Fail(target_, "cannot write", errno);
      content.remove_prefix(static_cast<std::size_t>(written));
    }
  }

  // Readable like any report file, flushed to disk, closed, then renamed.
  void Commit() {
    if (::fchmod(fd_, 0644) != 0) Fail(target_, "cannot set mode", errno);
    if (::fsync(fd_) != 0) Fail(target_, "cannot flush", errno);
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) Fail(target_, "cannot close", errno);
    if (::rename(path_.c_str(), target_.c_str()) != 0) {
      Fail(target_, "cannot rename temporary file", errno);
    }
    committed_ = true;
  }

 private:
  fs::path target_;
  fs::path path_;
  int fd_ = -1;
  bool committed_ = false;
};

// Makes the rename durable; a folder that cannot be opened is not an error
// for the written file itself.
void SyncFolder(const fs::path& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void WriteFileAtomically(const fs::path& path, std::string_view content) {
  fs::path target = path.has_parent_path() ? path : fs::path(".") / path;
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error) Fail(target.parent_path(), "cannot create folder", error.value());

  TempFile temp(target);
  temp.Write(content);
  temp.Commit();
  SyncFolder(target.parent_path());
}

}  // namespace jwtconf::harness
