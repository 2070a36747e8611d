from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render


@login_required
def home(request):
    """Each role lands where its work is."""
    user = request.user
    if user.is_coordinator:
        return redirect("referrals:queue")
    if user.is_network_professional:
        return redirect("clients:list")
    return render(request, "core/home.html")
