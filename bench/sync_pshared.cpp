#include "sync_pshared.hpp"

#include <cerrno>

#include "tvp/error.hpp"

namespace tvp::bench {
namespace {

void check(int rc, const char* what) {
  if (rc != 0) throw SystemError(what, rc);
}

// EOWNERDEAD: we now hold a mutex whose holder died. Mark it usable again; what it guarded is the
// benchmark's own counters, and the dead peer fails the benchmark anyway.
void take_over_if_owner_died(pthread_mutex_t* m, int rc, const char* what) {
  if (rc == EOWNERDEAD) rc = pthread_mutex_consistent(m);
  check(rc, what);
}

}  // namespace

ProcessSharedMutex::ProcessSharedMutex() {
  pthread_mutexattr_t attr;
  check(pthread_mutexattr_init(&attr), "pthread_mutexattr_init");
  int rc = pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  if (rc == 0) rc = pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  if (rc == 0) rc = pthread_mutex_init(&m_, &attr);
  pthread_mutexattr_destroy(&attr);
  check(rc, "process-shared robust mutex init");
}

ProcessSharedMutex::~ProcessSharedMutex() { pthread_mutex_destroy(&m_); }

void ProcessSharedMutex::lock() {
  take_over_if_owner_died(&m_, pthread_mutex_lock(&m_), "process-shared mutex lock");
}

void ProcessSharedMutex::unlock() noexcept { pthread_mutex_unlock(&m_); }

ProcessSharedCondVar::ProcessSharedCondVar() {
  pthread_condattr_t attr;
  check(pthread_condattr_init(&attr), "pthread_condattr_init");
  int rc = pthread_condattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  if (rc == 0) rc = pthread_cond_init(&c_, &attr);
  pthread_condattr_destroy(&attr);
  check(rc, "process-shared condition variable init");
}

void ProcessSharedCondVar::wait(std::unique_lock<ProcessSharedMutex>& lock) {
  pthread_mutex_t* m = lock.mutex()->native();
  take_over_if_owner_died(m, pthread_cond_wait(&c_, m), "process-shared condition wait");
}

void ProcessSharedCondVar::notify_one() noexcept { pthread_cond_signal(&c_); }
void ProcessSharedCondVar::notify_all() noexcept { pthread_cond_broadcast(&c_); }

}  // namespace tvp::bench
