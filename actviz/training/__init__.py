"""The training lab: small networks trained with NumPy, measured while they learn.

:mod:`.network` is the MLP with exact hand-written gradients (every array with a leading
seed axis, so seeds train together), :mod:`.losses` and :mod:`.optimizers` what it is
trained with, :mod:`.tasks` the generated data sets, :mod:`.measure` what a checkpoint
records, :mod:`.loop` the :func:`train` function and its :class:`TrainResult`,
:mod:`.parallel` several planned runs in worker processes (:func:`run_plans`), :mod:`.summary`
its numbers over seeds, :mod:`.claims` the experiments behind `actviz claims`.
NumPy only (SciPy through the ``critical`` init).
"""

from .loop import Plan, TrainResult, plan, train
from .losses import LOSSES
from .network import MLP
from .optimizers import OPTIMIZERS
from .parallel import run_plans
from .tasks import TASKS, Task, make_task

__all__ = ["LOSSES", "MLP", "OPTIMIZERS", "TASKS", "Plan", "Task", "TrainResult", "make_task", "plan", "run_plans", "train"]
