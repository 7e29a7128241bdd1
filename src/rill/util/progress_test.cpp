#include "rill/util/progress.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <unistd.h>

#include <string>

namespace rill {
namespace {

// Runs `body` with stderr redirected to `fd`, then restores it.
template <class Body>
void with_stderr(int fd, Body&& body) {
  const int saved = dup(STDERR_FILENO);
  ASSERT_GE(saved, 0);
  ASSERT_GE(dup2(fd, STDERR_FILENO), 0);
  body();
  ASSERT_GE(dup2(saved, STDERR_FILENO), 0);
  close(saved);
}

std::string drain(int fd) {
  std::string out;
  char buf[256];
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  return out;
}

TEST(Progress, DrawsOnATerminal) {
  int master = -1, slave = -1;
  ASSERT_EQ(openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  with_stderr(slave, [] {
    Progress p("proving", 4);
    EXPECT_TRUE(p.enabled());
    p.advance(2);
  });
  const std::string out = drain(master);
  EXPECT_NE(out.find("proving  50%"), std::string::npos) << out;
  EXPECT_NE(out.find("proving 100%"), std::string::npos) << out;
  close(master);
  close(slave);
}

// Inside a bar, each step covers its share and the Progress of a step moves the bar within it;
// the step's own line is not drawn.
TEST(Progress, StepsOfOneBarAreWeightedByTheirShares) {
  int master = -1, slave = -1;
  ASSERT_EQ(openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  with_stderr(slave, [] {
    ProgressBar bar("proving");
    EXPECT_TRUE(bar.enabled());
    EXPECT_EQ(ProgressBar::current(), &bar);
    ProgressBar nested("other");  // a second bar is silent and does not take over
    EXPECT_FALSE(nested.enabled());
    bar.step("stage 0", 0.0, 0.2);
    bar.step("stage 1", 0.2, 0.6);
    Progress p("stage 1", 4);
    p.advance(2);  // half of stage 1: 0.2 + 0.6 / 2
  });
  EXPECT_EQ(ProgressBar::current(), nullptr);
  const std::string out = drain(master);
  EXPECT_NE(out.find("proving   0% (stage 0)"), std::string::npos) << out;
  EXPECT_NE(out.find("proving  20% (stage 1)"), std::string::npos) << out;
  EXPECT_NE(out.find("proving  50% (stage 1)"), std::string::npos) << out;
  EXPECT_NE(out.find("proving 100%"), std::string::npos) << out;
  EXPECT_EQ(out.find("stage 1  50%"), std::string::npos) << out;  // no line of the step's own
  close(master);
  close(slave);
}

TEST(Progress, SilentWhenPiped) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  with_stderr(fds[1], [] {
    Progress p("proving", 4);
    EXPECT_FALSE(p.enabled());
    p.advance(4);
  });
  EXPECT_EQ(drain(fds[0]), "");
  close(fds[0]);
  close(fds[1]);
}

TEST(Progress, GlobalSwitchSilencesTerminals) {
  int master = -1, slave = -1;
  ASSERT_EQ(openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  Progress::set_globally_enabled(false);
  with_stderr(slave, [] {
    Progress p("proving", 4);
    p.advance(4);
  });
  Progress::set_globally_enabled(true);
  EXPECT_EQ(drain(master), "");
  close(master);
  close(slave);
}

}  // namespace
}  // namespace rill
