r"""One forward and backward pass of an :class:`~.network.MLP` in arrays allocated once.

For hidden layers l = 1..L-1 and the affine output layer L, every array with a leading seed axis,

.. math::

    z^l = a^{l-1} (W^l)^\top + b^l,\qquad a^l = \phi(z^l),\qquad
    \frac{\partial \ell}{\partial W^l} = (\delta^l)^\top a^{l-1},\qquad
    \frac{\partial \ell}{\partial b^l} = \textstyle\sum_b \delta^l_b,\qquad
    \delta^{l-1} = \phi'(z^{l-1}) \odot \delta^l W^l .

A :class:`Pass` owns the pre-activations, the back-propagated errors and one flat gradient
array laid out like the network's parameters, and writes into them (``out=``) on every
call: a training loop repeats the same pass thousands of times on arrays of a few hundred
kilobytes, and allocating them afresh each step costs more than the arithmetic (the
allocator returns such blocks to the system and takes them back, a page fault per 4 KiB;
measured: a 1000-point forward pass of 5 seeds through 4 x 64 took 16 ms allocating, 6 ms
without the faults). :math:`\phi` and :math:`\phi'` come together from one call
(:meth:`~actviz.entry.Activation.f_and_df`, which shares their work), once per layer.
"""

from __future__ import annotations

import numpy as np

from .losses import loss_and_output_gradient


class Pass:
    """The arrays of forward and backward passes of ``net`` on ``points`` inputs per seed
    (forward passes only for ``backward=False``).

    After :meth:`forward`: ``pre[l]`` is z^{l+1} (seeds, points, units), ``post[l]`` is
    a^{l+1} and, when derivatives were asked for, ``slope[l]`` is phi'(z^{l+1}) (hidden
    layers only). After :meth:`loss_and_gradients`: ``gradient`` holds dl/dp laid out like
    ``net.flat`` and ``gradients`` its blocks in :meth:`~.network.MLP.parameter_list` order.
    The arrays are reused by the next call.
    """

    def __init__(self, net, points: int, backward: bool = True) -> None:  # noqa: ANN001  (an MLP: network imports this module)
        self.net = net
        seeds = len(net.seeds)
        self.pre = [np.empty((seeds, points, width)) for width in net.widths[1:]]
        self.post: list[np.ndarray] = []
        self.slope: list[np.ndarray] = []
        if backward:  # an evaluation pass (``backward=False``) only runs forward
            self.errors = [np.empty((seeds, points, width)) for width in net.widths[1:-1]]
            self.gradient = np.empty_like(net.flat)
            self.gradients = net.views(self.gradient)

    def forward(self, x: np.ndarray, derivatives: bool = True) -> np.ndarray:
        """Run ``x`` (points, features), shared by the seeds, or (seeds, points, features)
        through the network; return the output z^L. ``derivatives``: also keep phi'(z^l)."""
        net = self.net
        self.post, self.slope = [], []
        a = x
        for layer, z in enumerate(self.pre):
            np.matmul(a, net.weights[layer].transpose(0, 2, 1), out=z)
            z += net.biases[layer][:, None, :]
            if layer < net.depth - 1:
                if derivatives:
                    a, slope = net.phi_and_derivative(z, layer)
                    self.slope.append(slope)
                else:
                    a = net.phi(z, layer)
                self.post.append(a)
        return self.pre[-1]

    def loss_and_gradients(self, x: np.ndarray, y: np.ndarray, loss: str) -> np.ndarray:
        """The loss per seed on the batch ``x``, ``y``; its gradients are left in :attr:`gradient`."""
        net = self.net
        value, delta = loss_and_output_gradient(self.forward(x), y, loss)
        stride = 3 if net.learns_slopes else 2
        for layer in range(net.depth - 1, -1, -1):
            a_in = x if layer == 0 else self.post[layer - 1]
            grad_w, grad_b = self.gradients[stride * layer], self.gradients[stride * layer + 1]
            np.matmul(delta.transpose(0, 2, 1), a_in, out=grad_w)
            np.sum(delta, axis=1, out=grad_b)
            if layer > 0:
                back = np.matmul(delta, net.weights[layer], out=self.errors[layer - 1])
                if net.learns_slopes:
                    net.slope_gradient(back, self.pre[layer - 1], out=self.gradients[stride * (layer - 1) + 2])
                back *= self.slope[layer - 1]
                delta = back
        return value
