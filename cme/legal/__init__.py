"""School Attendance Orders and Education Supervision Orders."""
