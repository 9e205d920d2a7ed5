// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What the models' JSON adaptors share (json_models.cpp, json_predict.cpp): reading a fitted model
// and fit options from the caller's object, a FittedModel as JSON, and the core's errors renamed to
// the caller's fields.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "json_read.hpp"
#include "json_value.hpp"
#include "retention/models.hpp"
#include "retention/result.hpp"

namespace retention::json {

/// A model as the caller gave it: its kind and parameters in the core's order.
struct ModelInput {
  std::string kind;
  std::vector<double> params;
};

/// Reads {model, params} at `key` of `in` (fields "<prefix><key>.model", ".params.alpha"...), one
/// of `kinds`; nullopt, with the error recorded in `in`, otherwise.
std::optional<ModelInput> read_model(json_read::Reader& in, const char* key,
                                     std::initializer_list<const char*> kinds);
/// {options?: {maxIterations, starts}} of `in`.
models::FitOptions read_fit_options(json_read::Reader& in);
/// The core's error with its field renamed for the caller: `renames` maps a field (or a prefix
/// ending in ".") of the core to the caller's ("params." -> "model.params.").
Error for_caller(const Error& e,
                 std::initializer_list<std::pair<const char*, const char*>> renames);

/// FittedModel of retention.d.ts, with `means` (what the parameters mean, scoring.hpp).
retention::Json fitted_sbg(const models::SbgFit& f);
retention::Json fitted_bgnbd(const models::BgNbdFit& f);
retention::Json fitted_paretonbd(const models::ParetoNbdFit& f);
retention::Json fitted_gammagamma(const models::GammaGammaFit& f);

}  // namespace retention::json
