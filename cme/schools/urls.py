from django.urls import path

from cme.schools import views

app_name = "schools"

urlpatterns = [
    path("", views.school_list, name="list"),
    path("<int:urn>/", views.school_detail, name="detail"),
]
