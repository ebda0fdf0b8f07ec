r"""The edge of chaos, :math:`\chi_1(q^*) = 1`, solved in q rather than in :math:`\sigma_w^2`.

A fixed point q of the length map :math:`M(q) = \sigma_w^2 V(q) + \sigma_b^2`
(:math:`V(q) = \mathbb{E}\phi(\sqrt q z)^2`) has

.. math:: \sigma_w^2 = s(q) := \frac{q - \sigma_b^2}{V(q)}, \qquad
          \chi_1 = s(q)\,\mu_1(q), \quad \mu_1(q) = \mathbb{E}\phi'(\sqrt q z)^2,

so a critical point is a root of the one scalar function
:math:`g(q) = (q - \sigma_b^2)\,\mu_1(q)/V(q) - 1` and no fixed point has to be solved
inside another root search. Which fixed point the map reaches from the inputs' :math:`q_0`
follows from s alone, since :math:`M(q) - q = V(q)\,(\sigma_w^2 - s(q))`: the map climbs
while :math:`\sigma_w^2 > s` and stops at the first :math:`q > q_0` with
:math:`s(q) = \sigma_w^2` (none: q diverges), or descends to the last :math:`q < q_0` with
:math:`s(q) = \sigma_w^2` (none: q collapses to 0). As :math:`\sigma_w^2` grows, the reached
:math:`q^*` therefore runs along the running minimum of s below :math:`q_0` and the running
maximum above it (the *envelope*), and jumps where s turns back (a local minimum below
:math:`q_0`, a local maximum above it, or :math:`q_0` itself when it is an unstable fixed
point): there :math:`\chi_1` jumps too, and a jump across 1 is no edge of chaos.

s, :math:`\mu_1` and g are tabulated in one vectorised call on a log grid of q (4 points per
decade over :math:`[10^{-12}, 10^{12}]`, every 12 decades up to :math:`10^{250}`, and down to
:math:`10^{-280}` where 0 is not a fixed point but :math:`\phi(0)^2` is so small that fixed
points lie below :math:`10^{-12}`), with the same kink-split quadrature as the
rest of the theory; roots of g are then refined on the exact functions
(:func:`~.roots.bracketed_root` in :math:`\ln q`). The limits :math:`q \to 0^+` (collapse) and
:math:`q \to \infty` (divergence) give :math:`\chi_1 = \sigma_w^2 \mu_1(0^+)` and
:math:`\sigma_w^2 \mu_1(\infty)`, whose crossings of 1 are exact.

Where several :math:`\sigma_w^2` are critical, the one found is the one the search of the
nested solver this replaces found: scanning :math:`\sigma_w^2 = 1, 4^{\pm 1}, 4^{\pm 2}, \dots`
in the direction in which :math:`\chi_1 - 1` changes sign, within :math:`[4^{-10}, 4^{7}]`,
and the crossing nearest to 1 inside the first bracket.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError
from .moments import Q_TINY, chi1_at_infinity, homogeneous_slope, moments, require_pointwise
from .roots import bracketed_root

_COLLAPSE_FLOOR = 1e-12  # below this, an origin-fixed map counts as collapsed (as in theory.fixed_point)
_DENSE = np.logspace(-12, 12, 4 * 24 + 1)
_HIGH = np.logspace(22, 250, 20)
_LOW = np.logspace(-280, -16, 45)
_SCAN_LOW, _SCAN_HIGH = 1e-6, 1e4  # the scan gives up below / above these (after one more factor 4)
_JUMP_PROBE = 1e-9  # a jump's two sides are read at sigma_w^2 (1 -+ this)
_ROUNDING = 1e-12
_NOISE = 1e-13  # |chi_1 - 1| this small is rounding (tanh-like maps have g ~ q^2 as q -> 0): no sign
_ACCEPT = 1e-6  # a jump with chi_1 within this of 1 on one side still counts as the edge


@dataclass
class _Table:
    """s, mu_1 and g on the q grid, the envelope entries in increasing sigma_w^2, and the limits."""

    q: np.ndarray
    s: np.ndarray
    mu: np.ndarray
    g: np.ndarray
    start: int  # index of q0
    entries: np.ndarray  # grid indices of the envelope, in increasing s
    mu_zero: float
    mu_infinity: float
    origin_fixed: bool


def _safe_ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """top/bottom with 0 for an infinite bottom and inf of top's sign for a zero one (no warnings)."""
    top, bottom = np.broadcast_arrays(np.asarray(top, dtype=float), np.asarray(bottom, dtype=float))
    finite = np.isfinite(bottom) & (np.abs(top) * 1e-300 < bottom)  # the quotient fits a float
    ratio = np.divide(top, bottom, out=np.zeros_like(top), where=finite)
    return np.where(np.isfinite(bottom) & ~finite, np.copysign(math.inf, top), ratio)


class _Edge:
    """The exact functions of one activation at one sigma_b^2 and their tabulation."""

    def __init__(self, act, sigma_b2: float, q0: float) -> None:  # noqa: ANN001
        self.act, self.sigma_b2, self.q0 = act, sigma_b2, q0
        origin_fixed = sigma_b2 == 0.0 and float(act(0.0)) == 0.0
        q = np.unique(np.concatenate([_DENSE, _HIGH, [q0]]))
        s, mu = self._s_mu(q)
        if not origin_fixed and sigma_b2 < _COLLAPSE_FLOOR and s[0] >= _SCAN_LOW / 16:
            # phi(0)^2 so small that fixed points of the scanned sigma_w^2 lie below 1e-12
            low_s, low_mu = self._s_mu(_LOW)
            q, s, mu = np.concatenate([_LOW, q]), np.concatenate([low_s, s]), np.concatenate([low_mu, mu])
        start = int(np.searchsorted(q, q0))
        below = s[start::-1]
        new_low = below < np.concatenate([[math.inf], np.minimum.accumulate(below)[:-1]])
        above = s[start:]
        # climbing, a rise within rounding (1e-12) of the best so far stops nothing (theory.fixed_point
        # likewise keeps climbing while M(q)/q - 1 >= -1e-12): snake's s -> 1 rounds to 1 + 2e-16
        previous = np.concatenate([[-math.inf], np.maximum.accumulate(above)[:-1]])
        margin = np.where(np.isfinite(previous), _ROUNDING * np.abs(previous), 0.0)
        new_high = above > previous + margin
        entries = np.concatenate([np.arange(start, -1, -1)[new_low][::-1], np.arange(start, len(q))[new_high][1:]])
        mu_zero = float(moments(act, Q_TINY)[1])
        self.table = _Table(q, s, mu, self._g(s, mu), start, entries, mu_zero, chi1_at_infinity(act, 1.0),
                            origin_fixed)

    # -- exact functions ----------------------------------------------------------

    def _s_mu(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(s(q), mu_1(q)) elementwise (module docstring)."""
        v, mu = moments(self.act, q)
        return _safe_ratio(np.asarray(q) - self.sigma_b2, v), np.asarray(mu, dtype=float)

    @staticmethod
    def _g(s: np.ndarray, mu: np.ndarray) -> np.ndarray:
        """chi_1 - 1 at the fixed point s; -1 where s <= 0 (no positive sigma_w^2 reaches it)."""
        usable = np.isfinite(s) & (s > 0)
        chi = np.multiply(s, mu, out=np.zeros_like(s), where=usable)
        return np.where(np.isposinf(s), math.inf, chi) - 1.0

    def s_at(self, log_q: float) -> float:
        return float(self._s_mu(np.array(math.exp(log_q)))[0])

    def g_at(self, log_q: float) -> float:
        s, mu = self._s_mu(np.array(math.exp(log_q)))
        return float(self._g(s, mu))

    def chi1(self, sigma_w2: float, q: float) -> float:
        """chi_1 at the state q (0: collapse, inf: divergence)."""
        table = self.table
        if q == 0.0:
            return sigma_w2 * table.mu_zero
        if math.isinf(q):
            return sigma_w2 * table.mu_infinity
        return sigma_w2 * float(moments(self.act, q)[1])

    # -- the state reached from q0 -------------------------------------------------

    def settle(self, sigma_w2: float) -> float:
        """The q* the length map reaches from q0 (0 for a collapse, inf for a divergence)."""
        table = self.table
        s, k = table.s, table.start
        if sigma_w2 > s[k]:
            hits = np.nonzero(s[k + 1:-1] >= sigma_w2)[0]  # the last grid point (1e250) stands for infinity
            if len(hits) == 0:
                return math.inf
            high = k + 1 + int(hits[0])
            low = high - 1
        elif sigma_w2 < s[k]:
            hits = np.nonzero(s[:k] <= sigma_w2)[0]
            if len(hits) == 0:
                return 0.0
            low = int(hits[-1])
            high = low + 1
        else:
            return self.q0
        a, b = math.log(table.q[low]), math.log(table.q[high])
        root = bracketed_root(lambda x: self.s_at(x) - sigma_w2, a, b, fa=s[low] - sigma_w2, fb=s[high] - sigma_w2,
                              xtol=1e-15)
        return math.exp(root)

    def regime(self, q: float) -> str:
        return "collapse" if q == 0.0 else "divergence" if math.isinf(q) else "fixed point"

    # -- chi_1 - 1 along sigma_w^2, from the table ------------------------------------

    def _connected(self, j: int) -> bool:
        entries = self.table.entries
        return entries[j + 1] - entries[j] == 1

    def approximate_excess(self, sigma_w2: float) -> float:
        """chi_1 - 1 at ``sigma_w2`` read off the envelope (exact in the limits): for the scan."""
        table = self.table
        sig = table.s[table.entries]
        if sigma_w2 < sig[0]:
            return sigma_w2 * table.mu_zero - 1.0
        if sigma_w2 > sig[-1] or (sigma_w2 == sig[-1] and table.entries[-1] == len(table.q) - 1):
            return sigma_w2 * table.mu_infinity - 1.0
        j = int(np.searchsorted(sig, sigma_w2, side="right")) - 1
        if j == len(sig) - 1:
            return float(table.g[table.entries[j]])
        lower, upper = table.entries[j], table.entries[j + 1]
        if self._connected(j):  # mu_1 is smooth where g is not (it jumps from -1 where s < 0)
            t = (sigma_w2 - sig[j]) / (sig[j + 1] - sig[j])
            return sigma_w2 * float(table.mu[lower] + t * (table.mu[upper] - table.mu[lower])) - 1.0
        side = lower if upper <= table.start else upper  # below q0 the plateau is just under the upper entry
        return sigma_w2 * float(table.mu[side]) - 1.0


def _events(edge: _Edge) -> list[tuple[float, str, int]]:
    """Where chi_1 - 1 may change sign along sigma_w^2, as (approximate sigma_w^2, kind, j):
    ``zero`` and ``infinity`` are the exact crossings of the collapse and divergence limits,
    ``root`` a continuous crossing between envelope entries j and j + 1, ``jump`` a jump
    between them (j = -1: out of the collapse; j = last: into the divergence)."""
    table = edge.table
    entries, s, g = table.entries, table.s, table.g
    sig = s[entries]
    events = []
    # s flat down to the collapse floor (hardtanh, relu6: phi is linear near 0) or still falling there
    bottom_connected = table.origin_fixed and s[0] <= sig[0] * (1 + 1e-12)
    if table.mu_zero > 0:
        crossing = 1.0 / table.mu_zero
        if crossing < sig[0] or (bottom_connected and crossing <= sig[0] * (1 + _JUMP_PROBE)):
            events.append((crossing, "zero", -1))
    if table.origin_fixed and not bottom_connected and (sig[0] * table.mu_zero < 1) != (g[entries[0]] < 0):
        events.append((sig[0], "jump", -1))
    for j in range(len(entries) - 1):
        lower, upper = entries[j], entries[j + 1]
        if (g[lower] < 0) == (g[upper] < 0) or max(abs(g[lower]), abs(g[upper])) <= _NOISE:
            continue
        if edge._connected(j) and sig[j] <= 0:  # from a q with no positive sigma_w^2: chi_1 = 1 at 1/mu_1
            events.append((min(max(1.0 / table.mu[upper], sig[j]), sig[j + 1]), "root", j))
        elif edge._connected(j):
            t = -g[lower] / (g[upper] - g[lower]) if math.isfinite(g[upper] - g[lower]) else 0.5
            events.append((sig[j] + t * (sig[j + 1] - sig[j]), "root", j))
        else:
            events.append((sig[j + 1] if upper <= table.start else sig[j], "jump", j))
    last = len(entries) - 1
    top_connected = entries[-1] == len(table.q) - 1
    if table.mu_infinity > 0 and math.isfinite(table.mu_infinity):
        crossing = 1.0 / table.mu_infinity
        if crossing > sig[-1] or (top_connected and crossing >= sig[-1] * (1 - _JUMP_PROBE)):
            events.append((crossing, "infinity", last))
    beyond = sig[-1] * table.mu_infinity - 1.0
    if not top_connected and (math.isnan(beyond) or (beyond < 0) != (g[entries[-1]] < 0)):
        events.append((sig[-1], "jump", last))
    return events


def _root(edge: _Edge, low: float, high: float) -> float | None:
    """ln q of a root of g between ln q = ``low`` and ``high`` if it is a stable fixed point
    (s increasing there, so the length map can settle on it), else None."""
    g_low, g_high = edge.g_at(low), edge.g_at(high)
    if (g_low < 0) == (g_high < 0):
        return None
    log_q = bracketed_root(edge.g_at, low, high, fa=g_low, fb=g_high, xtol=1e-15)
    return log_q if edge.s_at(log_q + 1e-6) > edge.s_at(log_q - 1e-6) else None


def _cell(edge: _Edge, j: int) -> tuple[float, float, bool]:
    """(ln q where the walk starts, ln q where it ends, below q0) for the jump or root between
    envelope entries j and j + 1: the grid cells around the entry where the branch may turn
    back, walked away from q0 (down from entry j + 1 below q0, up from entry j above it, each
    from the entry before it where that is on the envelope too; j = -1 and j = last are the
    ends of the envelope)."""
    table = edge.table
    entries, q = table.entries, table.q
    if j < 0:
        centre, lowest = entries[0], True
    elif j >= len(entries) - 1:
        centre, lowest = entries[-1], False
    else:
        lowest = bool(entries[j + 1] <= table.start)
        centre = entries[j + 1] if lowest else entries[j]
    step = -1 if lowest else 1
    other = min(max(centre + step, 0), len(q) - 1)
    # the branch's extremum may lie in the cell before the entry too: start one entry back
    before = centre - step
    if before in set(entries.tolist()) and (before <= table.start if lowest else before >= table.start):
        centre = before
    return math.log(q[centre]), math.log(q[other]), lowest


def _peak(edge: _Edge, a: float, b: float, sign: float) -> tuple[float, float]:
    """(ln q, s) where sign * s is largest on [a, b]: two rounds of 17 exact samples."""
    for _ in range(2):
        logs = np.linspace(a, b, 17)
        values = sign * edge._s_mu(np.exp(logs))[0]
        pick = int(np.argmax(values))
        a, b = logs[max(pick - 1, 0)], logs[min(pick + 1, 16)]
    return float(logs[pick]), float(sign * values[pick])


def _no_edge(edge: _Edge, label: str, jump: float, below_q: float, above_q: float) -> ActvizError | float:
    """A jump of chi_1 at sigma_w^2 = ``jump`` between the states ``below_q`` and ``above_q``:
    the jump itself when chi_1 is within 1e-6 of 1 on one side, else the reason."""
    below_w2, above_w2 = jump * (1 - _JUMP_PROBE), jump * (1 + _JUMP_PROBE)
    below, above = edge.chi1(below_w2, below_q) - 1.0, edge.chi1(above_w2, above_q) - 1.0
    for w2, value in ((below_w2, below), (above_w2, above)):
        if math.isnan(value):
            return ActvizError(f"chi_1 of {label} is undefined at sigma_w^2 = {w2:g} (q diverges and chi_1 has no "
                               "limit): no edge of chaos can be located")
    if min(abs(below), abs(above)) <= _ACCEPT:
        return jump
    return ActvizError(
        f"{label} has no edge of chaos at sigma_b^2 = {edge.sigma_b2:g} for inputs with q = {edge.q0:g}: chi_1 jumps "
        f"from {below + 1:.4g} to {above + 1:.4g} at sigma_w^2 = {jump:.6g}, where the length map "
        f"switches to {edge.regime(above_q)}")


def _walk(edge: _Edge, j: int, label: str) -> float:
    """Resolve a sign change of chi_1 - 1 next to envelope entry j or j + 1 by walking the cell
    (:func:`_cell`) on 129 exact samples as the length map's q* moves when sigma_w^2 goes away
    from the entry: along stable stretches of s (a root of g there is the edge), and across
    each place where s turns back (a jump of q*, at the turning point's s, to where s comes back
    to that value, in the cell or, beyond it, found by :meth:`_Edge.settle`). The first stretch
    or jump across which chi_1 - 1 changes sign is the answer; a jump raises its reason."""
    start, end, lowest = _cell(edge, j)
    sign = -1.0 if lowest else 1.0  # the envelope follows the running maximum of sign * s
    logs = np.linspace(start, end, 129)
    values = sign * edge._s_mu(np.exp(logs))[0]
    first_error: ActvizError | None = None
    segment = 0
    while segment < len(logs) - 1:
        turn = segment
        while turn < len(logs) - 1 and values[turn + 1] >= values[turn]:
            turn += 1
        if turn == len(logs) - 1:
            break  # no turning point left in the cell
        log_turn, jump = _peak(edge, logs[max(turn - 1, segment)], logs[turn + 1], sign)
        if log_turn != logs[segment] or segment > 0:
            log_q = _root(edge, *sorted((logs[segment], log_turn)))
            if log_q is not None:
                return edge.s_at(log_q)
        back = np.nonzero(values[turn + 1:] >= sign * jump)[0]
        probe = jump * (1 + sign * _JUMP_PROBE)  # the far side: below the jump below q0, above it above
        if len(back):
            k = turn + 1 + int(back[0])
            # the bracket's values are the scan's: s_at can differ from them by an ulp (a scalar exp
            # against a vectorised one), and on a flat stretch of s both ends then read the same
            # side of the jump (smu1:alpha=1e-300 raised 'no sign change')
            far_log = bracketed_root(lambda x: edge.s_at(x) - jump, logs[k - 1], logs[k],
                                     fa=sign * values[k - 1] - jump, fb=sign * values[k] - jump, xtol=1e-15)
            far = math.exp(far_log)
        else:
            k, far = len(logs) - 1, edge.settle(probe)
        if log_turn == logs[0] and math.isclose(math.exp(log_turn), edge.q0):
            near = edge.settle(jump * (1 - sign * _JUMP_PROBE))  # q0 itself is unstable: both sides leave it
        else:
            near = math.exp(log_turn)
        below_q, above_q = (far, near) if lowest else (near, far)
        result = _no_edge(edge, label, jump, below_q, above_q)
        if not isinstance(result, ActvizError):
            return result
        crossed = (edge.chi1(jump, below_q) < 1) != (edge.chi1(jump, above_q) < 1)
        if crossed or math.isnan(edge.chi1(jump, far)):
            raise result
        first_error = first_error or result
        if not len(back):
            break
        segment = k
    log_q = _root(edge, *sorted((logs[segment], logs[-1])))
    if log_q is not None:
        return edge.s_at(log_q)
    if first_error is not None:
        raise first_error
    raise ActvizError(f"{label} has no edge of chaos at sigma_b^2 = {edge.sigma_b2:g} that the q grid resolves")


def _resolve(edge: _Edge, event: tuple[float, str, int], label: str) -> float:
    """The exact sigma_w^2 of an event, or the reason it is no edge of chaos."""
    _, kind, j = event
    table = edge.table
    if kind == "zero":
        return 1.0 / table.mu_zero
    if kind == "infinity":
        return 1.0 / table.mu_infinity
    entries, q = table.entries, table.q
    if kind == "root":
        log_q = _root(edge, math.log(q[entries[j]]), math.log(q[entries[j + 1]]))
        if log_q is not None:
            return edge.s_at(log_q)
    return _walk(edge, j, label)


def critical_sigma_w2(act, sigma_b2: float, q0: float = 1.0) -> float:  # noqa: ANN001
    r"""The :math:`\sigma_w^2` at the edge of chaos, :math:`\chi_1(q^*) = 1`, for this
    :math:`\sigma_b^2`, :math:`q^*` the fixed point the length map reaches from inputs with
    second moment ``q0`` (module docstring: a root of
    :math:`g(q) = (q - \sigma_b^2)\mu_1(q)/V(q) - 1`, then :math:`\sigma_w^2 = s(q)`).

    A positively homogeneous activation (relu, leaky relu) has :math:`\chi_1 = \sigma_w^2
    \mu_1` in every regime, so :math:`1/\mu_1`. Raises :class:`ActvizError` when
    :math:`\chi_1 < 1` for every :math:`\sigma_w^2` up to 1e4 (a step function), when
    :math:`\chi_1 > 1` down to 1e-6, when :math:`\chi_1` has no limit where q diverges, and
    when :math:`\chi_1` jumps across 1 instead of passing through it: gelu at
    :math:`\sigma_b^2 = 0` from inputs with q = 1 goes straight from collapse
    (:math:`\chi_1 = \sigma_w^2/4`) to divergence (:math:`\chi_1 = \sigma_w^2/2`) at
    :math:`\sigma_w^2 = 1/V(1)`, a boundary that depends on the inputs' q and is no edge of chaos."""
    require_pointwise(act)
    if not (sigma_b2 >= 0 and math.isfinite(sigma_b2)):
        raise ActvizError(f"invalid sigma_b^2 {sigma_b2!r}: expected a number >= 0")
    if not (q0 > 0 and math.isfinite(q0)):
        raise ActvizError(f"invalid input second moment q0 {q0!r}: expected a positive number")
    if float(act(0.0)) == 0.0 and homogeneous_slope(act) is not None:
        slope = float(moments(act, q0)[1])
        if slope == 0.0:  # jump_relu:theta=1e300 is 0 wherever a Gaussian reaches (1/0 raised)
            raise ActvizError(f"{act.label} has no edge of chaos: E phi'(u)^2 = 0 for u ~ N(0, {q0:g}), so "
                              "chi_1 = 0 for every sigma_w^2")
        return 1.0 / slope
    edge = _Edge(act, float(sigma_b2), float(q0))
    label = act.label

    def excess(sigma_w2: float) -> float:
        value = edge.approximate_excess(sigma_w2)
        if math.isnan(value):
            raise ActvizError(f"chi_1 of {label} is undefined at sigma_w^2 = {sigma_w2:g} (q diverges and chi_1 has "
                              "no limit): no edge of chaos can be located")
        return value

    low = high = 1.0
    f_low = f_high = excess(1.0)
    if f_low == 0.0:
        return 1.0
    while f_low > 0:
        if low < _SCAN_LOW:
            raise ActvizError(f"{label} has chi_1 > 1 for every sigma_w^2 >= 1e-6 at sigma_b^2 = {sigma_b2:g}")
        high, f_high = low, f_low
        low /= 4.0
        f_low = excess(low)
    while f_high < 0:
        if high > _SCAN_HIGH:
            raise ActvizError(f"{label} has no edge of chaos at sigma_b^2 = {sigma_b2:g}: "
                              "chi_1 < 1 for every sigma_w^2 up to 1e4")
        low, f_low = high, f_high
        high *= 4.0
        f_high = excess(high)
    if f_low == 0.0 or f_high == 0.0:
        return low if f_low == 0.0 else high
    events = _events(edge)
    if not events:  # the table cannot see the crossing the scan saw: no edge it can locate
        raise ActvizError(f"{label} has no edge of chaos at sigma_b^2 = {sigma_b2:g} that the q grid resolves "
                          f"between sigma_w^2 = {low:g} and {high:g}")
    towards_one = high if high <= 1.0 else low

    def distance(event: tuple[float, str, int]) -> tuple[float, float]:
        where = event[0]
        outside = max(math.log(low) - math.log(where), math.log(where) - math.log(high), 0.0) if where > 0 else math.inf
        return outside, abs(math.log(where / towards_one)) if where > 0 else math.inf

    return _resolve(edge, min(events, key=distance), label)
