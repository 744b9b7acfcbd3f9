from django.urls import path

from cme.policy import views

app_name = "policy"

urlpatterns = [
    path("policy/", views.policy_home, name="home"),
    path("policy/change/", views.policy_change, name="change"),
    path("policy/versions/<int:number>/", views.policy_version_detail, name="version"),
]
