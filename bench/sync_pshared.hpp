// The process-shared counterparts of std::mutex and std::condition_variable: pthread objects with
// PTHREAD_PROCESS_SHARED, to be placed in memory a fork()ed child shares (SharedObject). Same
// interface as the std types (BasicLockable, wait(std::unique_lock&, pred)), so one template runs
// both models.
//
// Not Boost.Interprocess 1.74: its interprocess_mutex is not robust (a peer killed while holding
// it leaves the parent blocked for ever), and its interprocess_condition's destructor calls
// pthread_cond_destroy, which in glibc waits for every waiter to leave: one SIGKILLed inside
// wait() never does.
#pragma once

#include <pthread.h>

#include <mutex>

namespace tvp::bench {

// Robust: when the holder dies, the next lock() takes the mutex over (EOWNERDEAD) instead of
// blocking for ever; the death itself is reported by the dead party's Peer watchdog.
class ProcessSharedMutex {
 public:
  ProcessSharedMutex();  // throws SystemError
  ~ProcessSharedMutex();
  ProcessSharedMutex(const ProcessSharedMutex&) = delete;
  ProcessSharedMutex& operator=(const ProcessSharedMutex&) = delete;

  void lock();  // throws SystemError
  void unlock() noexcept;
  pthread_mutex_t* native() noexcept { return &m_; }

 private:
  pthread_mutex_t m_;
};

class ProcessSharedCondVar {
 public:
  ProcessSharedCondVar();             // throws SystemError
  ~ProcessSharedCondVar() = default;  // deliberately no pthread_cond_destroy: see the file comment
  ProcessSharedCondVar(const ProcessSharedCondVar&) = delete;
  ProcessSharedCondVar& operator=(const ProcessSharedCondVar&) = delete;

  // REQUIRES: `lock` owns its mutex. Throws SystemError.
  void wait(std::unique_lock<ProcessSharedMutex>& lock);
  template <class Predicate>
  void wait(std::unique_lock<ProcessSharedMutex>& lock, Predicate ready) {
    while (!ready()) wait(lock);
  }
  void notify_one() noexcept;
  void notify_all() noexcept;

 private:
  pthread_cond_t c_;
};

}  // namespace tvp::bench
