#include "rill/util/file_io.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace rill {

namespace {

// Closes a descriptor on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string file_type(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

std::vector<std::uint8_t> read_regular_file(const std::string& path, std::uint64_t max_bytes,
                                            std::string_view what) {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; fstat then rejects it.
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (f.fd < 0) {
    throw InputError(fmt::format("cannot open {} '{}': {}", what, path, std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) {
    throw InputError(fmt::format("cannot stat {} '{}': {}", what, path, std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    throw FileLimitError(
        fmt::format("{} '{}' is {}; expected a regular file", what, path, file_type(st.st_mode)));
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_bytes) {
    throw FileLimitError(fmt::format("{} '{}' has {} bytes, more than the limit of {} bytes", what,
                                     path, size, max_bytes));
  }
  // Read at most max_bytes + 1 bytes, so a file that grows after fstat is still caught.
  std::vector<std::uint8_t> bytes(size);
  std::size_t got = 0;
  for (;;) {
    if (got == bytes.size()) {
      if (bytes.size() > max_bytes) break;
      bytes.resize(bytes.size() + 1);
    }
    const ssize_t n = ::read(f.fd, bytes.data() + got, bytes.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(fmt::format("cannot read {} '{}': {}", what, path, std::strerror(errno)));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  if (got > max_bytes) {
    throw FileLimitError(
        fmt::format("{} '{}' has more than the limit of {} bytes", what, path, max_bytes));
  }
  return bytes;
}

void write_file_atomically(const std::string& path, std::span<const std::uint8_t> bytes) {
  if (path.empty()) throw InputError("empty output path");
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    throw FileLimitError(fmt::format("refusing to write '{}': it is {}, not a regular file", path,
                                     file_type(st.st_mode)));
  }
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string temporary =
      (slash == std::string::npos ? std::string() : dir) + "." + base + ".XXXXXX";
  Fd f{::mkstemp(temporary.data())};
  if (f.fd < 0) {
    throw InputError(
        fmt::format("cannot create a temporary file in '{}': {}", dir, std::strerror(errno)));
  }
  // From here on, any failure (a write error, an exception) removes the temporary file.
  struct Remove {
    const std::string* name;
    ~Remove() {
      if (name != nullptr) ::unlink(name->c_str());
    }
  } remove{&temporary};
  // mkstemp creates 0600; a proof is not secret: 0666 minus the umask, like an ordinary file.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(f.fd, 0666 & ~mask);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(f.fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw InputError(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(f.fd) == 0;
  const bool closed = ::close(f.fd) == 0;
  f.fd = -1;
  if (!synced || !closed) {
    throw InputError(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  f.fd = -1;
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    throw InputError(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  remove.name = nullptr;
}

}  // namespace rill
