// Issue 13, findings 4 and 5: bounded reads of untrusted paths and safe atomic writes.
#include "rill/util/file_io.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace rill {
namespace {

class FileIo : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/rill_file_io_XXXXXX";
    dir_ = ::mkdtemp(dir_template);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  static void put(const std::string& p, const std::string& text) { std::ofstream(p) << text; }
  static std::string get(const std::string& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir_),
                                                  std::filesystem::directory_iterator()));
  }
  std::string dir_;
};

TEST_F(FileIo, ReadsARegularFileWithinItsLimit) {
  put(path("a"), "hello");
  const std::vector<std::uint8_t> bytes = read_regular_file(path("a"), 5, "input");
  EXPECT_EQ(std::string(bytes.begin(), bytes.end()), "hello");
}

TEST_F(FileIo, RefusesOversizedAndNonRegularFiles) {
  put(path("a"), "hello!");
  EXPECT_THROW(read_regular_file(path("a"), 5, "input"), FileLimitError);
  EXPECT_THROW(read_regular_file("/dev/zero", 1 << 20, "proof"), FileLimitError);
  EXPECT_THROW(read_regular_file(dir_, 1 << 20, "proof"), FileLimitError);
  ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0600), 0);
  EXPECT_THROW(read_regular_file(path("fifo"), 1 << 20, "proof"), FileLimitError);  // no hang
  EXPECT_THROW(read_regular_file(path("missing"), 1, "proof"), InputError);
  try {
    read_regular_file("/dev/zero", 1, "proof");
  } catch (const FileLimitError& e) {
    EXPECT_NE(std::string(e.what()).find("character device"), std::string::npos) << e.what();
  }
}

TEST_F(FileIo, WritesThroughAFreshTemporaryAndLeavesNothingElse) {
  const std::vector<std::uint8_t> bytes = {'p', 'r', 'o', 'o', 'f'};
  write_file_atomically(path("out"), bytes);
  write_file_atomically(path("out"), bytes);  // replacing a regular file is fine
  EXPECT_EQ(get(path("out")), "proof");
  EXPECT_EQ(entries(), 1u);
  struct stat st {};
  ASSERT_EQ(::stat(path("out").c_str(), &st), 0);
  EXPECT_NE(st.st_mode & S_IRGRP, 0u) << "mkstemp's 0600 is widened to 0666 & ~umask";
}

TEST_F(FileIo, RefusesTargetsThatAreNotRegularFiles) {
  const std::vector<std::uint8_t> bytes = {1, 2, 3};
  put(path("victim"), "keep");
  ASSERT_EQ(::symlink(path("victim").c_str(), path("link").c_str()), 0);
  EXPECT_THROW(write_file_atomically(path("link"), bytes), FileLimitError);
  EXPECT_EQ(get(path("victim")), "keep");
  ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0600), 0);
  EXPECT_THROW(write_file_atomically(path("fifo"), bytes), FileLimitError);
  EXPECT_THROW(write_file_atomically(dir_, bytes), FileLimitError);
  ASSERT_EQ(::symlink("/nonexistent/x", path("dangling").c_str()), 0);
  EXPECT_THROW(write_file_atomically(path("dangling"), bytes), FileLimitError);
  EXPECT_EQ(entries(), 4u) << "no temporary file left behind";
}

TEST_F(FileIo, APlantedPartialSymlinkIsNotFollowed) {
  put(path("victim"), "keep");
  ASSERT_EQ(::symlink(path("victim").c_str(), path("out.partial").c_str()), 0);
  write_file_atomically(path("out"), std::vector<std::uint8_t>{'x'});
  EXPECT_EQ(get(path("victim")), "keep");
  EXPECT_EQ(get(path("out")), "x");
}

TEST_F(FileIo, AMissingDirectoryIsAnInputError) {
  EXPECT_THROW(write_file_atomically(path("no/such/dir/out"), std::vector<std::uint8_t>{1}),
               InputError);
}

}  // namespace
}  // namespace rill
