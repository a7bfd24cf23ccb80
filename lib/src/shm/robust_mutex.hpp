// A process-shared, robust pthread mutex, placed in a shared mapping before fork(): when its owner
// dies while holding it (SIGKILL included), the kernel marks it and the next locker learns so
// (EOWNERDEAD) instead of blocking for ever, as it would on boost::interprocess_mutex in 1.74.
//
// What it guarded may be half-changed when its owner died, so this wrapper never repairs it: the
// first locker to see the death leaves the mutex unrecoverable, and from then on every lock() fails
// at once, in every process. A channel treats that as "the peer died inside an operation".
#pragma once

#include <pthread.h>

namespace tvp::shm {

class RobustMutex {
 public:
  // Throws SystemError if the attributes are not supported (they are on Linux/glibc).
  RobustMutex();
  // pthread_mutex_destroy is not called: on Linux it frees nothing, and a mutex left
  // unrecoverable or locked by a dead process must not make a destructor fail.
  ~RobustMutex() = default;
  RobustMutex(const RobustMutex&) = delete;
  RobustMutex& operator=(const RobustMutex&) = delete;

  // Locks and returns true; or returns false, NOT holding the lock, if an owner died holding it
  // (now or earlier): the mutex is then unrecoverable and every later lock() returns false too.
  // Blocks only while a live owner holds it.
  [[nodiscard]] bool lock() noexcept;
  // REQUIRES: the calling thread holds the lock (lock() returned true).
  void unlock() noexcept { ::pthread_mutex_unlock(&m_); }

 private:
  pthread_mutex_t m_;
};

}  // namespace tvp::shm
