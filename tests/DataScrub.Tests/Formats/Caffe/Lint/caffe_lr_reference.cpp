// GetLearningRate from BVLC caffe 9b89154 src/caffe/solvers/sgd_solver.cpp, verbatim but for the param_ accessors,
// compiled as Caffe is (g++ -std=c++11, <cmath> then <math.h> as mkl_alternate.hpp includes it, unqualified
// pow/exp inside a namespace). Prints the float bits of the rate at chosen iterations, to check
// LearningRateReplay against:  g++ -std=c++11 -O2 caffe_lr_reference.cpp -o ref && ./ref
#include <cmath>
#include <math.h>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>
#include <cstdint>

namespace caffe {
typedef float Dtype;
struct Param {
  std::string policy; float base_lr, gamma, power; int stepsize, max_iter; std::vector<int> stepvalue;
  const std::string& lr_policy() const { return policy; }
};
struct Solver {
  Param p; int iter_ = 0; int current_step_ = 0;
  Dtype GetLearningRate() {
    Dtype rate;
    const std::string& lr_policy = p.lr_policy();
    if (lr_policy == "fixed") {
      rate = p.base_lr;
    } else if (lr_policy == "step") {
      this->current_step_ = this->iter_ / p.stepsize;
      rate = p.base_lr * pow(p.gamma, this->current_step_);
    } else if (lr_policy == "exp") {
      rate = p.base_lr * pow(p.gamma, this->iter_);
    } else if (lr_policy == "inv") {
      rate = p.base_lr * pow(Dtype(1) + p.gamma * this->iter_, - p.power);
    } else if (lr_policy == "multistep") {
      if (this->current_step_ < (int)p.stepvalue.size() && this->iter_ >= p.stepvalue[this->current_step_]) {
        this->current_step_++;
      }
      rate = p.base_lr * pow(p.gamma, this->current_step_);
    } else if (lr_policy == "poly") {
      rate = p.base_lr * pow(Dtype(1.) - (Dtype(this->iter_) / Dtype(p.max_iter)), p.power);
    } else if (lr_policy == "sigmoid") {
      rate = p.base_lr * (Dtype(1.) / (Dtype(1.) + exp(-p.gamma * (Dtype(this->iter_) - Dtype(p.stepsize)))));
    } else { rate = NAN; }
    return rate;
  }
};
}  // namespace caffe

static void run(const char* name, caffe::Param p, std::vector<int> at, int upto) {
  caffe::Solver s; s.p = p;
  size_t k = 0;
  for (int i = 0; i < upto && k < at.size(); ++i) {
    s.iter_ = i;
    float r = s.GetLearningRate();
    if (i == at[k]) { uint32_t b; memcpy(&b, &r, 4); printf("%s iter %d rate %.9g bits 0x%08x\n", name, i, r, b); ++k; }
  }
}

int main() {
  run("step", {"step", 0.01f, 0.1f, 0, 100, 0, {}}, {0, 99, 100, 199, 200, 350}, 351);
  run("exp", {"exp", 0.01f, 0.999f, 0, 0, 0, {}}, {0, 1, 2, 1000, 10000}, 10001);
  run("exp_up", {"exp", 0.01f, 1.001f, 0, 0, 0, {}}, {0, 1, 1000, 93000, 93200, 93300}, 93301);
  run("inv_lenet", {"inv", 0.01f, 0.0001f, 0.75f, 0, 10000, {}}, {0, 1, 100, 5000, 9999}, 10000);
  run("multistep_lenet", {"multistep", 0.01f, 0.9f, 0, 0, 10000, {5000, 7000, 8000, 9000, 9500}}, {0, 4999, 5000, 7000, 9500, 9999}, 10000);
  run("multistep_lag", {"multistep", 0.01f, 0.1f, 0, 0, 1000, {100, 100, 50}}, {99, 100, 101, 102, 103}, 1000);
  run("poly_googlenet", {"poly", 0.01f, 0, 0.5f, 0, 2400000, {}}, {0, 1, 600000, 1200000, 2399999}, 2400000);
  run("poly_nomax", {"poly", 0.01f, 0, 0.9f, 0, 0, {}}, {0, 1, 2}, 3);
  run("sigmoid", {"sigmoid", 0.01f, 0.01f, 0, 1000, 0, {}}, {0, 500, 1000, 1500, 5000}, 5001);
  run("fixed", {"fixed", 0.001f, 0, 0, 0, 4000, {}}, {0, 3999}, 4000);
  return 0;
}
