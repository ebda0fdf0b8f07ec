"""mpmath references for actviz.catalog.implicit (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("siren", cases=[{"omega_0": 1.0}, {"omega_0": 1000.0}], has_limits=False, oscillating=True)
def siren(x, omega_0=30.0):
    # Sitzmann et al. (2020), eq. 1 with the frequency factor kept: sin(omega_0 x)
    return mp.sin(mp.mpf(omega_0) * x)


@reference("gabor_wavelet", cases=[{"omega": 1.0, "scale": 0.5}, {"omega": 300.0, "scale": 3.0}],
           extra_points=[0.05, 0.0785, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0, 2.0, 3.9, 4.1])
def gabor_wavelet(x, omega=20.0, scale=10.0):
    # Saragadam et al. (2023), real part of eq. 4: cos(omega x) exp(-(s x)^2)
    return mp.cos(mp.mpf(omega) * x) * mp.exp(-((mp.mpf(scale) * x) ** 2))


@reference("gaussian_sigma", cases=[{"sigma": 1.0}, {"sigma": 30.0}],
           extra_points=[0.1, -0.1, 0.17320508075688773, 3.9, 4.1])
def gaussian_sigma(x, sigma=0.1):
    # Ramasinghe & Lucey (2022): exp(-x^2/(2 sigma^2)) (extra points: the zeros of f'' at ±sigma,
    # of f''' at ±sqrt(3) sigma, and the underflow edge)
    return mp.exp(-(x**2) / (2 * mp.mpf(sigma) ** 2))


@reference("snake_beta", cases=[{"alpha": 0.5, "beta": 2.0}, {"alpha": 3.0, "beta": 3.5}, {"alpha": 0.01, "beta": 0.02}],
           has_limits=False, oscillating=True, extra_points=[-0.785398163397448, -0.2, -0.3, -0.4])
def snake_beta(x, alpha=1.0, beta=1.0):
    # Lee et al. (2023), BigVGAN eq. 2: x + sin^2(alpha x)/beta
    return x + mp.sin(mp.mpf(alpha) * x) ** 2 / mp.mpf(beta)


@reference("mexican_hat", extra_points=[1.0, -1.0, 1.7320508075688772, 0.7419637843027258, 2.3344142183389773, 38.5])
def mexican_hat(x):
    # Zhang & Benveniste (1992): (1 - x^2) exp(-x^2/2) (extra points: the zeros of f, f', f'')
    return (1 - x**2) * mp.exp(-(x**2) / 2)


@reference("hosc", cases=[{"beta": 0.01}, {"beta": 100.0}], has_limits=False, oscillating=True,
           extra_points=[3.141592653589793, 1.5707963267948966, -3.141592653589793])
def hosc(x, beta=1.0):
    # Serrano et al. (2024), eq. 1: tanh(beta sin x)
    return mp.tanh(mp.mpf(beta) * mp.sin(x))
