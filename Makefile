# The two commands from the README, plus the pieces they are made of.
.PHONY: demo sim test setup build size bench screenshots chaos

demo:  ## the main job: three rendered phones call each other on a local IM hub and TRTC room (ARGS="--interactive")
	bash scripts/demo.sh $(ARGS)

sim:  ## the call simulator in the browser: live, clickable phones at http://127.0.0.1:8018/ (ARGS="--port 0 --phones 5"); Ctrl-C stops it
	bash scripts/sim.sh $(ARGS)

test:  ## every test, including setup on a fresh machine
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

SEEDS ?= 1000
FROM ?= 1
chaos:  ## seeded chaos through rendered phones: SEEDS sessions from seed FROM (SEED=n replays one with its timeline)
	@if [ -n "$(SEED)" ]; then bash scripts/chaos.sh --seed $(SEED); else bash scripts/chaos.sh --seeds $(SEEDS) --from $(FROM); fi

build: setup
	bash scripts/build-wasm.sh

size:
	node js-glue/build/size-report.js

BENCH_FLAGS ?=
bench:  ## size, start-up, UserSig, engine and memory vs Tencent's engine; writes bench/results.md (BENCH_FLAGS=--check fails on a missed target)
	node bench/index.js $(BENCH_FLAGS)

screenshots:  ## docs/screens/*.png in headless Chromium (once: bash scripts/setup-chromium.sh), the simulator's too
	node scripts/screenshots.js
	SIM_SCREENSHOT=docs/screens/sim.png node --test tests/sim-browser.test.js
